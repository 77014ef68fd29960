/**
 * Demo section: a streaming audience drives a destination. A small hand-made
 * Snapshot seeds a streaming evaluator; events arrive one by one and time
 * moves on; every membership delta is delivered incrementally to the
 * local-folder destination.
 */
import { fileURLToPath } from "node:url";
import { createStreamingEvaluator, type ApplyOutcome, type Audience, type MembershipDelta } from "@abm-kit/audience";
import { buildSnapshot } from "@abm-kit/core";
import { activate, localFolderDestination, MemoryStateStore, type ActivationPlanInput } from "@abm-kit/destinations";
import { shownPath } from "./print-report.js";

const NOW = "2026-11-20T12:00:00.000Z";
const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.parse(NOW) + hours * HOUR).toISOString();

/** "Three engaged people in the last 30 days": an account audience over people's events, kept up to date per event. */
const engagedAccounts: Audience = {
  id: "engaged-accounts",
  name: "Three engaged people in 30 days",
  version: 1,
  type: "account",
  condition: {
    kind: "event",
    types: ["Visit Webpage", "Fill Out Form"],
    window: { last: { amount: 30, unit: "days" } },
    countDistinct: "people",
    count: { op: "gte", value: 3 },
  },
};

function handMadeSnapshot() {
  return buildSnapshot(
    {
      accounts: [
        { id: "acme", name: "Acme", domain: "acme.com", industry: "Software" },
        { id: "globex", name: "Globex", domain: "globex.com", industry: "Manufacturing" },
      ],
      persons: ["ana", "bo", "cy", "dee", "eli"].map((id) => ({ id, email: `${id}@example.com` })),
      links: [
        { accountId: "acme", personId: "ana" },
        { accountId: "acme", personId: "bo" },
        { accountId: "acme", personId: "cy" },
        { accountId: "globex", personId: "dee" },
        { accountId: "globex", personId: "eli" },
      ],
      events: [
        { id: "s1", type: "Visit Webpage", occurredAt: at(-29 * 24), personId: "ana" },
        { id: "s2", type: "Fill Out Form", occurredAt: at(-3 * 24), personId: "bo" },
        { id: "s3", type: "Visit Webpage", occurredAt: at(-2 * 24), personId: "dee" },
      ],
    },
    { asOf: NOW },
  );
}

const plan = (folder: string): ActivationPlanInput => ({
  id: "streaming-to-folder",
  name: "Engaged accounts to a folder",
  destination: { id: "local-folder", settings: { path: folder, format: "csv", fileNameTemplate: "%AUDIENCE_ID%_%MODE%_%DATETIME%" } },
  audiences: [{ audienceId: engagedAccounts.id }],
  mapping: {
    account: [
      { source: "account.name", target: "name" },
      { source: "account.domain", target: "domain" },
    ],
  },
  mode: "incremental",
});

/** Runs the streaming section of the demo. */
export async function runStreamingSection(log: (line: string) => void): Promise<void> {
  const snapshot = handMadeSnapshot();
  const evaluator = createStreamingEvaluator(snapshot, [engagedAccounts], { now: NOW });
  // the demo recreates examples/out on every run
  const folder = fileURLToPath(new URL("../out/streaming", import.meta.url));
  const state = new MemoryStateStore();
  const deltas: MembershipDelta[] = [];
  evaluator.on("entered", (c) => log(`    entered ${c.audienceId}: ${c.memberId} (${c.cause} at ${c.at})`));
  evaluator.on("exited", (c) => log(`    exited  ${c.audienceId}: ${c.memberId} (${c.cause} at ${c.at})`));
  evaluator.on("delta", (d) => deltas.push(d));

  /** Sends the current membership incrementally after a delta: only entered and exited members travel. */
  const deliver = async () => {
    for (const delta of deltas.splice(0)) {
      const membership = { audienceId: delta.audienceId, audienceName: delta.audienceName, type: delta.type, memberIds: evaluator.members(delta.audienceId) };
      const report = await activate(plan(folder), { destination: localFolderDestination, snapshot, audiences: [membership], now: delta.at, state });
      for (const a of report.audiences)
        log(`    delivered: ${report.status}, realized ${a.realized}, exited ${a.exited}, exported ${a.exported}, removed ${a.removed}`);
    }
  };

  log(`  start at ${NOW}: members ${JSON.stringify(evaluator.members(engagedAccounts.id))}`);
  const applied = (outcome: ApplyOutcome) =>
    outcome.status === "applied"
      ? `applied: ${outcome.entered} entered, ${outcome.exited} exited`
      : `${outcome.status}${outcome.problems.length > 0 ? `: ${outcome.problems[0]!.message}` : ""}`;
  const moved = (change: { entered: number; exited: number }) => `${change.entered} entered, ${change.exited} exited`;
  const steps: Array<{ label: string; run: () => string }> = [
    {
      label: "cy visits the pricing page",
      run: () => applied(evaluator.apply({ kind: "event", record: { id: "n1", type: "Visit Webpage", occurredAt: at(0), personId: "cy" } })),
    },
    {
      label: "the same event again",
      run: () => applied(evaluator.apply({ kind: "event", record: { id: "n1", type: "Visit Webpage", occurredAt: at(0), personId: "cy" } })),
    },
    {
      label: "eli fills out a form, reported late",
      run: () => applied(evaluator.apply({ kind: "event", record: { id: "n2", type: "Fill Out Form", occurredAt: at(-5 * 24), personId: "eli" } })),
    },
    { label: "two days pass: ana's visit leaves the 30-day window", run: () => moved(evaluator.advanceTo(at(2 * 24))) },
  ];
  for (const step of steps) {
    log(`  ${step.label}`);
    log(`    outcome: ${step.run()}`);
    await deliver();
  }
  log(`  end at ${evaluator.now}: members ${JSON.stringify(evaluator.members(engagedAccounts.id))}; files in ${shownPath(folder)}`);
}
