/**
 * Demo section: activates audiences to LinkedIn Matched Audiences — account
 * audiences as COMPANY segments, a person audience as a USER segment — against
 * the local fake LinkedIn of `@abm-kit/destination-linkedin/testing` (on
 * 127.0.0.1, no credentials), runs again to show that an unchanged audience
 * sends nothing, and prints what the fake holds and what LinkedIn reports
 * about each segment.
 */
import type { Snapshot } from "@abm-kit/core";
import { activate, MemoryStateStore, type ActivationPlanInput, type AudienceMembership, type RunReport } from "@abm-kit/destinations";
import { linkedInDestination, readSegmentStatus, type SegmentStatus } from "@abm-kit/destination-linkedin";
import { startFakeLinkedIn, type FakeMember, type FakeRequestRecord } from "@abm-kit/destination-linkedin/testing";
import { formatSkipped, formatTotals } from "./print-report.js";

/** What the fake LinkedIn holds for one audience after the runs. */
export interface LinkedInSegmentHeld {
  readonly audienceId: string;
  readonly segmentId: string;
  readonly name: string;
  readonly type: "COMPANY" | "USER";
  readonly members: readonly FakeMember[];
}

/** What the LinkedIn section did, for tests. */
export interface LinkedInSectionResult {
  readonly first: RunReport;
  readonly second: RunReport;
  /** Member requests (`/companies`, `/users`) the fake received during each run. */
  readonly memberRequests: { readonly first: number; readonly second: number };
  readonly segments: readonly LinkedInSegmentHeld[];
  readonly statuses: readonly SegmentStatus[];
}

/** The demo's dataflow to LinkedIn: companies by name, domain and country; people by hashed email, with advertising consent. */
function linkedInPlan(settings: unknown, audiences: readonly AudienceMembership[]): ActivationPlanInput {
  return {
    id: "demo-linkedin",
    name: "Audiences to LinkedIn Matched Audiences",
    destination: { id: "linkedin", settings },
    audiences: audiences.map((a) => ({ audienceId: a.audienceId })),
    mapping: {
      account: [
        { source: "account.name", target: "companyName" },
        { source: "account.domain", target: "companyWebsiteDomain" },
        { source: "account.country", target: "country" },
        { source: "account.industry", target: "industries" },
      ],
      person: [
        { source: "person.email", target: "sha256Email", transforms: ["sha256Email"] },
        { source: "person.firstName", target: "firstName" },
        { source: "person.lastName", target: "lastName" },
        { source: "person.title", target: "title" },
        { source: "account.name", target: "company" },
      ],
    },
    consent: { channel: "advertising" },
    mode: "incremental",
  };
}

const isMemberRequest = (r: FakeRequestRecord) => r.kind === "companies" || r.kind === "users";

/** A hash shortened for printing; other values as they are. */
function shortValue(value: unknown): string {
  if (typeof value === "string") return /^[0-9a-f]{32,}$/i.test(value) ? `${value.slice(0, 12)}…` : value;
  if (Array.isArray(value)) {
    return value
      .map((v) =>
        v !== null && typeof v === "object" && "idType" in v ? `${String(v.idType)} ${shortValue((v as { idValue?: unknown }).idValue)}` : shortValue(v),
      )
      .join(", ");
  }
  return String(value);
}

/** One element as `field value; field value`, without the segment's bookkeeping fields. */
function describeElement(element: Readonly<Record<string, unknown>>): string {
  return Object.entries(element)
    .filter(([field]) => field !== "action")
    .map(([field, value]) => `${field} ${shortValue(value)}`)
    .join("; ");
}

function printRun(log: (line: string) => void, title: string, report: RunReport, memberRequests: number): void {
  log(`${title}: ${report.status}, ${report.requests} requests (${memberRequests} member requests), ${formatTotals(report.totals)}`);
  for (const a of report.audiences) {
    const skipped = formatSkipped(a.skipped);
    log(
      `  ${a.audienceId} (${a.type}): realized ${a.realized}, existing ${a.existing} → exported ${a.exported}, failed ${a.failed}${skipped ? `; skipped: ${skipped}` : ""}`,
    );
  }
  for (const f of report.failures.slice(0, 3)) log(`  failure ${f.audienceId} ${f.memberId}: ${f.code}`);
}

/** Runs the LinkedIn section of the demo and returns what it saw. */
export async function runLinkedInSection(
  log: (line: string) => void,
  input: { snapshot: Snapshot; now: string; audiences: readonly AudienceMembership[] },
): Promise<LinkedInSectionResult> {
  const { snapshot, now, audiences } = input;
  // Segments are visible and processed at once here; LinkedIn asks for ~5 s and can take up to 48 hours to process.
  const linkedin = await startFakeLinkedIn({ now, propagationDelayMs: 0, processingDelayMs: 0 });
  try {
    const settings = { ...linkedin.settings(), segmentReadyDelayMs: 0 };
    log(`A fake LinkedIn Marketing API on ${linkedin.url} (ad account ${settings.adAccountId}, no credentials)`);
    const state = new MemoryStateStore();
    const plan = linkedInPlan(settings, audiences);
    const memberRequestsSoFar = () => linkedin.fake.requests.filter(isMemberRequest).length;

    const first = await activate(plan, { destination: linkedInDestination, snapshot, audiences, now, state });
    const afterFirst = memberRequestsSoFar();
    printRun(log, "Run 1 (empty state)", first, afterFirst);
    const second = await activate(plan, { destination: linkedInDestination, snapshot, audiences, now, state });
    const afterSecond = memberRequestsSoFar() - afterFirst;
    printRun(log, "Run 2 (incremental, same members)", second, afterSecond);

    log("What the fake LinkedIn holds:");
    const segments: LinkedInSegmentHeld[] = [];
    for (const a of first.audiences) {
      const segment = a.externalId === undefined ? undefined : linkedin.fake.segment(a.externalId);
      if (segment === undefined) {
        log(`  ${a.audienceId}: no segment`);
        continue;
      }
      const members = linkedin.fake.members(segment.id);
      segments.push({ audienceId: a.audienceId, segmentId: segment.id, name: segment.name, type: segment.type, members });
      log(`  "${segment.name}"  ${segment.type}  ${members.length} members`);
      for (const m of members.slice(0, 2)) log(`    ${describeElement(m.element)}`);
    }

    log("Segment status (readSegmentStatus; the fake processes at once, LinkedIn can take up to 48 hours):");
    const statuses = await readSegmentStatus({ settings, report: first, now });
    for (const s of statuses) {
      log(`  ${s.audienceId ?? s.segmentId}: ${s.status}, matchedCount ${s.matchedCount ?? "-"}, audienceSize ${s.audienceSize ?? "-"}`);
      for (const w of s.warnings) log(`    warning: ${w}`);
    }
    return { first, second, memberRequests: { first: afterFirst, second: afterSecond }, segments, statuses };
  } finally {
    await linkedin.close();
    log("The fake LinkedIn is closed.");
  }
}
