/**
 * Demo section: activates a person audience to a Salesforce Campaign and an
 * account audience to an Account membership field, against the local fake
 * Salesforce org of `@abm-kit/destination-salesforce/testing` (on 127.0.0.1,
 * no credentials). The fake org holds the Accounts, Contacts and Leads the
 * bundled Salesforce export came from; people known only to Marketo are
 * reported as not matchable. A second run shows that an unchanged audience
 * sends nothing.
 */
import type { Snapshot } from "@abm-kit/core";
import { activate, MemoryStateStore, type ActivationPlanInput, type AudienceMembership, type RunReport } from "@abm-kit/destinations";
import { salesforceDestination } from "@abm-kit/destination-salesforce";
import { startFakeSalesforce } from "@abm-kit/destination-salesforce/testing";

/** What the Salesforce section did, for tests. */
export interface SalesforceSectionResult {
  readonly first: RunReport;
  readonly second: RunReport;
  readonly personAudience: AudienceMembership;
  readonly accountAudience: AudienceMembership;
  /** The campaign's name and its members' Contact / Lead ids. */
  readonly campaign: { readonly name: string; readonly members: readonly string[] };
  /** Ids of the Accounts whose ABM_Audiences__c holds the account audience's name. */
  readonly accountsMarked: readonly string[];
  /** The org's API usage after the runs, as Sforce-Limit-Info states it. */
  readonly apiUsage: { readonly used: number; readonly limit: number };
}

/** Salesforce record ids of an object among every entity's source keys. */
function recordIds(snapshot: Snapshot, object: string): string[] {
  const ids = new Set<string>();
  for (const table of [snapshot.accounts, snapshot.persons]) {
    for (let row = 0; row < table.size; row++) {
      for (const key of table.sourceKeysOf(row)) {
        const [system, , obj, id] = key.split("/");
        if (system === "salesforce" && obj === object && id !== undefined) ids.add(id);
      }
    }
  }
  return [...ids];
}

function printRun(log: (line: string) => void, title: string, report: RunReport): void {
  log(
    `${title}: ${report.status}, ${report.requests} requests, exported ${report.totals.exported}, removed ${report.totals.removed}, failed ${report.totals.failed}`,
  );
  for (const a of report.audiences)
    log(`  ${a.audienceId} (${a.type}): realized ${a.realized}, existing ${a.existing} → exported ${a.exported}, failed ${a.failed}`);
}

/** Runs the Salesforce section of the demo and returns what it saw. */
export async function runSalesforceSection(
  log: (line: string) => void,
  input: { snapshot: Snapshot; now: string; audiences: readonly AudienceMembership[] },
): Promise<SalesforceSectionResult> {
  const { snapshot, now } = input;
  const personAudience = input.audiences.find((a) => a.type === "person" && a.memberIds.length > 0);
  const accountAudience = input.audiences.find((a) => a.type === "account" && a.memberIds.length > 0);
  if (personAudience === undefined || accountAudience === undefined)
    throw new Error("the Salesforce section needs a person and an account audience with members");
  const sf = await startFakeSalesforce({
    now,
    accounts: recordIds(snapshot, "Account"),
    contacts: recordIds(snapshot, "Contact"),
    leads: recordIds(snapshot, "Lead"),
  });
  try {
    log(`A fake Salesforce org on ${sf.url} (REST and Bulk API 2.0, OAuth client credentials, no real credentials)`);
    const plan: ActivationPlanInput = {
      id: "demo-salesforce",
      name: "Audiences to Salesforce",
      destination: { id: "salesforce", settings: sf.settings() },
      audiences: [{ audienceId: personAudience.audienceId }, { audienceId: accountAudience.audienceId }],
      // members are matched by the Salesforce ids the sources kept as source keys
      mapping: { person: [{ source: "person.sourceKeys", target: "salesforceKeys" }], account: [{ source: "account.sourceKeys", target: "salesforceKeys" }] },
      mode: "incremental",
    };
    const audiences = [personAudience, accountAudience];
    const state = new MemoryStateStore();
    const first = await activate(plan, { destination: salesforceDestination, snapshot, audiences, now, state });
    printRun(log, "Run 1 (empty state)", first);
    const notMatchable = first.failures.filter((f) => f.code === "SALESFORCE_NOT_MATCHABLE");
    if (notMatchable.length > 0)
      log(`  ${notMatchable.length} people are known only to Marketo: reported SALESFORCE_NOT_MATCHABLE, not guessed (e.g. ${notMatchable[0]!.memberId})`);
    const second = await activate(plan, { destination: salesforceDestination, snapshot, audiences, now, state });
    printRun(log, "Run 2 (incremental, same members)", second);

    log("What the fake Salesforce org holds:");
    const campaignId = first.audiences[0]!.externalId!;
    const campaign = { name: sf.fake.campaigns().find((c) => c.id === campaignId)!.name, members: sf.fake.campaignMembers(campaignId) };
    log(
      `  Campaign "${campaign.name}" (${campaignId}): ${campaign.members.length} members (${campaign.members.filter((id) => id.startsWith("003")).length} Contacts, ${campaign.members.filter((id) => id.startsWith("00Q")).length} Leads)`,
    );
    const name = accountAudience.audienceName ?? accountAudience.audienceId;
    const accountsMarked = sf.fake.withMembership("Account", "ABM_Audiences__c", name);
    log(`  Account.ABM_Audiences__c holds "${name}" on ${accountsMarked.length} Accounts, e.g. ${accountsMarked.slice(0, 2).join(", ")}`);
    const apiUsage = { used: sf.fake.apiUsed, limit: sf.fake.dailyLimit };
    log(`  API usage (Sforce-Limit-Info): ${apiUsage.used} of ${apiUsage.limit} daily requests`);
    return { first, second, personAudience, accountAudience, campaign, accountsMarked, apiUsage };
  } finally {
    await sf.close();
    log("The fake Salesforce org is closed.");
  }
}
