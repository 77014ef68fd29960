/**
 * Demo section: activates a person audience to a Marketo static list and an
 * account audience to a Marketo named account list, against the local fake
 * Marketo of `@abm-kit/destination-marketo/testing` (on 127.0.0.1, no
 * credentials). Some people already have a lead (matched by email); the others
 * get one (`createLeads`). It runs again to show that an unchanged audience
 * sends nothing, and prints what the fake holds and the calls counted against
 * the day's budget.
 */
import type { Snapshot } from "@abm-kit/core";
import { activate, MemoryStateStore, type ActivationPlanInput, type AudienceMembership, type RunReport } from "@abm-kit/destinations";
import { marketoDestination } from "@abm-kit/destination-marketo";
import { startFakeMarketo, type FakeRequestRecord } from "@abm-kit/destination-marketo/testing";

/** What the fake Marketo holds for one audience after the runs. */
export interface MarketoListHeld {
  readonly audienceId: string;
  readonly kind: "static list" | "named account list";
  readonly name: string;
  /** Lead emails (static list) or named account names (named account list), sorted. */
  readonly members: readonly string[];
}

/** What the Marketo section did, for tests. */
export interface MarketoSectionResult {
  readonly first: RunReport;
  readonly second: RunReport;
  /** Membership requests the fake received during each run. */
  readonly memberRequests: { readonly first: number; readonly second: number };
  readonly lists: readonly MarketoListHeld[];
  /** Leads the fake holds, and those the runs created. */
  readonly leads: { readonly total: number; readonly created: number; readonly duplicates: number };
}

/** The demo's dataflow to Marketo: people by email with email consent (creating missing leads), companies by name. */
function marketoPlan(settings: unknown, audiences: readonly AudienceMembership[]): ActivationPlanInput {
  return {
    id: "demo-marketo",
    name: "Audiences to Marketo Engage",
    destination: { id: "marketo", settings },
    audiences: audiences.map((a) => ({ audienceId: a.audienceId })),
    mapping: {
      account: [
        { source: "account.name", target: "name" },
        { source: "account.domain", target: "domainName" },
        { source: "account.industry", target: "industry" },
      ],
      person: [
        { source: "person.email", target: "email" },
        { source: "person.firstName", target: "firstName" },
        { source: "person.lastName", target: "lastName" },
        { source: "person.title", target: "title" },
        { source: "account.name", target: "company" },
      ],
    },
    consent: { channel: "email" },
    mode: "incremental",
  };
}

const MEMBERSHIP_KINDS = new Set(["addToList", "removeFromList", "addToAccountList", "removeFromAccountList"]);
const isMemberRequest = (r: FakeRequestRecord) => MEMBERSHIP_KINDS.has(r.kind);

function printRun(log: (line: string) => void, title: string, report: RunReport, memberRequests: number): void {
  log(
    `${title}: ${report.status}, ${report.requests} requests (${memberRequests} membership requests), ` +
      `exported ${report.totals.exported}, removed ${report.totals.removed}, failed ${report.totals.failed}`,
  );
  for (const a of report.audiences) {
    const skipped = Object.entries(a.skipped)
      .filter(([, n]) => n > 0)
      .map(([reason, n]) => `${reason} ${n}`)
      .join(", ");
    log(
      `  ${a.audienceId} (${a.type}): realized ${a.realized}, existing ${a.existing} → exported ${a.exported}, failed ${a.failed}${skipped ? `; skipped: ${skipped}` : ""}`,
    );
  }
  for (const f of report.failures.slice(0, 3)) log(`  failure ${f.audienceId} ${f.memberId}: ${f.code}`);
  const usage = report.apiUsage;
  if (usage !== undefined)
    log(`  API calls on ${usage.day}: ${usage.callsBeforeRun} before, ${usage.callsThisRun} this run, ${usage.remaining} of ${usage.dailyBudget} left`);
}

/** Runs the Marketo section of the demo with one person and one account audience. */
export async function runMarketoSection(
  log: (line: string) => void,
  input: { snapshot: Snapshot; now: string; person: AudienceMembership; account: AudienceMembership },
): Promise<MarketoSectionResult> {
  const { snapshot, now, person, account } = input;
  // Half of the people are already leads in the instance: they are matched by email; the others are created.
  const known = person.memberIds
    .filter((_, i) => i % 2 === 0)
    .flatMap((id) => {
      const email = snapshot.persons.value(snapshot.persons.indexOf(id), "email");
      return typeof email === "string" && email.includes("@") ? [{ email, leadSource: "Webinar" }] : [];
    });
  const marketo = await startFakeMarketo({ now, leads: known });
  try {
    const settings = { ...marketo.settings(), createLeads: true };
    log(
      `A fake Marketo REST API on ${marketo.url} (instance ${settings.munchkinId}, folder ${settings.listFolder}, ${known.length} leads already, no credentials)`,
    );
    const state = new MemoryStateStore();
    const audiences = [person, account];
    const plan = marketoPlan(settings, audiences);
    const memberRequestsSoFar = () => marketo.fake.requests.filter(isMemberRequest).length;

    const first = await activate(plan, { destination: marketoDestination, snapshot, audiences, now, state });
    const afterFirst = memberRequestsSoFar();
    printRun(log, "Run 1 (empty state)", first, afterFirst);
    const second = await activate(plan, { destination: marketoDestination, snapshot, audiences, now, state });
    const afterSecond = memberRequestsSoFar() - afterFirst;
    printRun(log, "Run 2 (incremental, same members)", second, afterSecond);

    log("What the fake Marketo holds:");
    const lists: MarketoListHeld[] = [];
    for (const a of first.audiences) {
      if (a.externalId === undefined) continue;
      if (a.type === "person") {
        const list = marketo.fake.staticLists().find((l) => String(l.id) === a.externalId)!;
        const members = marketo.fake.listMemberEmails(list.id);
        lists.push({ audienceId: a.audienceId, kind: "static list", name: list.name, members });
        log(`  static list "${list.name}" (id ${list.id}, folder ${list.folder.id})  ${members.length} leads, e.g. ${members.slice(0, 2).join(", ")}`);
      } else {
        const list = marketo.fake.namedAccountLists().find((l) => l.marketoGUID === a.externalId)!;
        const members = marketo.fake.accountListMemberNames(list.marketoGUID);
        lists.push({ audienceId: a.audienceId, kind: "named account list", name: list.name, members });
        log(`  named account list "${list.name}"  ${members.length} named accounts, e.g. ${members.slice(0, 2).join(", ")}`);
      }
    }
    const leads = { total: marketo.fake.leads().length, created: marketo.fake.leads().length - known.length, duplicates: marketo.fake.duplicateLeadsCreated };
    log(`  leads: ${leads.total} (${leads.created} created by the run, ${leads.duplicates} duplicates)`);
    return { first, second, memberRequests: { first: afterFirst, second: afterSecond }, lists, leads };
  } finally {
    await marketo.close();
    log("The fake Marketo is closed.");
  }
}
