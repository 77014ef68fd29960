/**
 * Demo section: activates audiences to the local-folder destination twice —
 * a full export, then an incremental one after the membership changed — and
 * prints what each run did.
 */
import { join } from "node:path";
import type { Snapshot } from "@abm-kit/core";
import {
  activate,
  createActivationEvents,
  JsonFileStateStore,
  localFolderDestination,
  type ActivationPlanInput,
  type AudienceMembership,
  type RunReport,
} from "@abm-kit/destinations";
import { formatFileDeliveries, formatSkipped, formatTotals, shownPath } from "./print-report.js";

const DAY_MS = 86_400_000;

/** The demo's dataflow: every audience to CSV files, hashed emails for people, consent on email. */
function demoPlan(outDir: string, audiences: readonly AudienceMembership[], mode: "full" | "incremental"): ActivationPlanInput {
  return {
    id: "demo-local-folder",
    name: "Audiences to a local folder",
    destination: { id: "local-folder", settings: { path: join(outDir, "exports"), format: "csv", fileNameTemplate: "%AUDIENCE_ID%_%MODE%_%DATETIME%" } },
    audiences: audiences.map((a) => ({ audienceId: a.audienceId })),
    mapping: {
      account: [
        { source: "account.name", target: "name" },
        { source: "account.domain", target: "domain", transforms: ["domain"] },
        { source: "account.industry", target: "industry" },
        { source: "account.employeeCount", target: "employees" },
      ],
      person: [
        { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
        { source: "person.title", target: "title" },
        { source: "account.name", target: "company" },
      ],
    },
    consent: { channel: "email" },
    mode,
  };
}

/**
 * A deterministic membership change: every fifth member leaves, and the first
 * three entities of the same type that were not members join.
 */
export function changeMembership(snapshot: Snapshot, membership: AudienceMembership): AudienceMembership {
  const kept = membership.memberIds.filter((_, i) => i % 5 !== 4);
  const current = new Set(membership.memberIds);
  const table = membership.type === "account" ? snapshot.accounts : snapshot.persons;
  const joined: string[] = [];
  for (let row = 0; row < table.size && joined.length < 3; row++) {
    const id = table.id(row);
    if (!current.has(id)) joined.push(id);
  }
  return { ...membership, memberIds: [...kept, ...joined].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
}

function printReport(log: (line: string) => void, title: string, report: RunReport): void {
  log(`${title}: ${report.status}, ${formatFileDeliveries(report)}, ${report.durationMs.toFixed(0)} ms`);
  for (const a of report.audiences) {
    const skipped = formatSkipped(a.skipped);
    log(
      `  ${a.audienceId} (${a.type}): realized ${a.realized}, existing ${a.existing}, exited ${a.exited}` +
        ` → exported ${a.exported}, removed ${a.removed}${skipped ? `; skipped: ${skipped}` : ""}`,
    );
    for (const f of a.manifest?.files ?? []) log(`    ${f.name}  ${f.rows} rows  sha256 ${f.sha256.slice(0, 12)}…`);
  }
  log(`  totals: ${formatTotals(report.totals)}`);
}

/** Runs the destination section of the demo. */
export async function runDestinationSection(
  log: (line: string) => void,
  input: { snapshot: Snapshot; now: string; audiences: AudienceMembership[]; outDir: string },
): Promise<void> {
  const { snapshot, now, audiences, outDir } = input;
  if (audiences.length === 0) {
    log("  (no audiences to activate)");
    return;
  }
  const state = new JsonFileStateStore(join(outDir, "state"));
  const stateKey = "demo-local-folder"; // the state file is state/demo-local-folder.json
  const events = createActivationEvents();
  let files = 0;
  events.on("file:written", () => files++);

  const full = await activate(demoPlan(outDir, audiences, "full"), { destination: localFolderDestination, snapshot, audiences, now, state, stateKey, events });
  printReport(log, "Run 1 (full)", full);

  const changed = audiences.map((a) => changeMembership(snapshot, a));
  const later = new Date(Date.parse(now) + DAY_MS).toISOString();
  const incremental = await activate(demoPlan(outDir, changed, "incremental"), {
    destination: localFolderDestination,
    snapshot,
    audiences: changed,
    now: later,
    state,
    stateKey,
    events,
  });
  printReport(log, "Run 2 (incremental, a day later)", incremental);
  log(`  ${files} data files written to ${shownPath(join(outDir, "exports"))}, the state to ${shownPath(state.pathOf(stateKey))}`);
}
