/**
 * Measures streaming evaluation: per-event latency (p50 / p99) and throughput
 * on synthetic B2B data with a realistic audience set.
 *
 *   npx tsx packages/audience/scripts/streaming-latency.ts [scale] [events]
 *
 * Scale 1 is 100k accounts, 1M persons and 10M person events (scale 0.1 by
 * default); `events` new events are streamed (200,000 by default), in time
 * order, 5% of them late, 1% duplicates, the clock advancing 10 s every 1,000.
 */
import { performance } from "node:perf_hooks";
import { SnapshotBuilder } from "@abm-kit/core";
import { createStreamingEvaluator, measureStreamingLatency, type Audience, type MeasuredStep } from "../src/index.js";

const NOW = Date.parse("2026-11-20T12:00:00.000Z");
const DAY = 86_400_000;
const scale = Number(process.argv[2] ?? 0.1);
const streamed = Number(process.argv[3] ?? 200_000);

/** A small deterministic PRNG (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const INDUSTRIES = ["Software", "Financial Services", "Healthcare", "Manufacturing", "Retail"];
const TITLES = ["Chief Marketing Officer", "CMO", "CIO", "VP Marketing", "Director of IT", "Software Engineer", "Data Analyst", "Sales Manager"];
const EVENT_TYPES = ["Visit Webpage", "Visit Webpage", "Visit Webpage", "Open Email", "Open Email", "Click Email", "Fill Out Form", "Click Link"];
const PAGES = ["/pricing", "/product", "/blog/abm", "/docs", "/demo"];
const STAGES = ["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"];

const accounts = Math.max(1, Math.round(100_000 * scale));
const personsPerAccount = 10;
const persons = accounts * personsPerAccount;
const rng = random(42);
const accountId = (a: number) => `A${String(a).padStart(7, "0")}`;
const personId = (p: number) => `P${String(p).padStart(8, "0")}`;

const t0 = performance.now();
const builder = new SnapshotBuilder({
  asOf: NOW,
  validate: false,
  relatedTables: [{ name: "intent", keyedBy: "domain", fields: { topic: { type: "string" }, score: { type: "number" }, observedAt: { type: "date" } } }],
});
for (let a = 0; a < accounts; a++) {
  builder.addAccount({
    id: accountId(a),
    name: `Account ${a}`,
    domain: `account${a}.com`,
    industry: rng.pick(INDUSTRIES),
    employeeCount: 10 + rng.int(5000),
    type: rng.pick(["Customer", "Prospect", "Prospect", "Partner"]),
  });
  builder.addRelatedRow("intent", {
    key: `account${a}.com`,
    values: { topic: "ABM", score: rng.int(100), observedAt: new Date(NOW - rng.int(60) * DAY).toISOString().slice(0, 10) },
  });
  for (let k = 0; k < 2; k++) {
    const closed = rng.next() < 0.4;
    builder.addOpportunity({
      id: `O${a}-${k}`,
      accountId: accountId(a),
      stage: closed ? rng.pick(STAGES.slice(4)) : rng.pick(STAGES.slice(0, 4)),
      amount: 5000 + rng.int(100_000),
      isClosed: closed,
      isWon: closed && rng.next() < 0.5,
      closeDate: new Date(NOW + (rng.int(180) - 90) * DAY).toISOString().slice(0, 10),
    });
  }
}
for (let p = 0; p < persons; p++) {
  builder.addPerson({ id: personId(p), title: rng.pick(TITLES), consent: { email: rng.pick(["granted", "granted", "denied", "unknown"]) } });
  builder.addLink({ accountId: accountId(Math.floor(p / personsPerAccount)), personId: personId(p) });
  if (rng.next() < 0.05) builder.addLink({ accountId: accountId(rng.int(accounts)), personId: personId(p) });
}
let eventCounter = 0;
for (let p = 0; p < persons; p++) {
  for (let k = 0; k < 10; k++) {
    builder.addEvent({
      id: `E${eventCounter++}`,
      type: rng.pick(EVENT_TYPES),
      occurredAt: new Date(NOW - rng.int(365 * DAY)).toISOString(),
      personId: personId(p),
      properties: { webpage: rng.pick(PAGES) },
    });
  }
}
for (let a = 0; a < accounts; a++)
  builder.addEvent({
    id: `S${a}`,
    type: "Intent Surge",
    occurredAt: new Date(NOW - rng.int(60 * DAY)).toISOString(),
    accountId: accountId(a),
    properties: { topic: "ABM" },
  });
const snapshot = builder.build();
const built = performance.now();

const last = (amount: number, unit: "days" | "hours" = "days") => ({ last: { amount, unit } });
const audiences: Audience[] = [
  {
    id: "engaged-accounts",
    name: "Three engaged people in 30 days",
    version: 1,
    type: "account",
    condition: {
      kind: "event",
      types: ["Visit Webpage", "Fill Out Form", "Click Email"],
      window: last(30),
      countDistinct: "people",
      count: { op: "gte", value: 3 },
    },
  },
  {
    id: "pricing-visitors",
    name: "Pricing visitors, 7 days",
    version: 1,
    type: "person",
    condition: { kind: "event", types: ["Visit Webpage"], window: last(7), where: { kind: "attribute", field: "webpage", op: "eq", value: "/pricing" } },
  },
  {
    id: "cmo-visitors",
    name: "Marketing leaders on pricing",
    version: 1,
    type: "person",
    condition: {
      kind: "and",
      conditions: [
        { kind: "attribute", field: "title", op: "in", values: ["CMO", "Chief Marketing Officer", "VP Marketing"] },
        { kind: "inAudience", audienceId: "pricing-visitors" },
      ],
    },
  },
  {
    id: "icp",
    name: "ICP",
    version: 1,
    type: "account",
    condition: {
      kind: "and",
      conditions: [
        { kind: "attribute", field: "industry", op: "in", values: ["Software", "Financial Services"] },
        { kind: "attribute", field: "employeeCount", op: "gte", value: 200 },
      ],
    },
  },
  {
    id: "icp-hot",
    name: "ICP with a marketing leader on pricing",
    version: 1,
    type: "account",
    condition: {
      kind: "and",
      conditions: [
        { kind: "inAudience", audienceId: "icp" },
        { kind: "related", relation: "people", quantifier: "some", where: { kind: "inAudience", audienceId: "cmo-visitors" } },
      ],
    },
  },
  {
    id: "surging",
    name: "Intent surge or pricing traffic, 14 days",
    version: 1,
    type: "account",
    condition: { kind: "event", types: ["Intent Surge", "Visit Webpage"], window: last(14), count: { op: "gte", value: 5 } },
  },
  {
    id: "open-pipeline",
    name: "Open pipeline over 50k",
    version: 1,
    type: "account",
    condition: {
      kind: "related",
      relation: "opportunities",
      aggregate: { fn: "sum", field: "amount", comparator: { op: "gte", value: 50_000 } },
      where: { kind: "attribute", field: "isClosed", op: "eq", value: false },
    },
  },
  {
    id: "high-intent",
    name: "Intent score 80+",
    version: 1,
    type: "account",
    condition: { kind: "related", relation: "related:intent", quantifier: "some", where: { kind: "attribute", field: "score", op: "gte", value: 80 } },
  },
  {
    id: "form-then-pricing",
    name: "Form, then a visit within 3 days",
    version: 1,
    type: "person",
    condition: { kind: "sequence", steps: [{ types: ["Fill Out Form"] }, { types: ["Visit Webpage"] }], within: { amount: 3, unit: "days" }, window: last(30) },
  },
  {
    id: "email-engaged-consented",
    name: "Clicked an email in 30 days, email not denied",
    version: 1,
    type: "person",
    condition: {
      kind: "and",
      conditions: [
        { kind: "event", types: ["Click Email"], window: last(30) },
        { kind: "not", condition: { kind: "attribute", field: "consent.email", op: "eq", value: "denied" } },
      ],
    },
  },
];

const seeded0 = performance.now();
const evaluator = createStreamingEvaluator(snapshot, audiences, { now: NOW });
const seeded = performance.now();

function* stream(): Generator<MeasuredStep> {
  let clock = NOW;
  let evaluatorNow = NOW;
  for (let i = 0; i < streamed; i++) {
    clock += 10;
    if (i % 1000 === 999) {
      evaluatorNow = clock;
      yield { advanceTo: clock };
    }
    const p = rng.int(persons);
    const late = rng.next() < 0.05;
    // events happen up to the evaluator's now (5% late, by up to 20 days)
    const time = late ? evaluatorNow - rng.int(20 * DAY) : evaluatorNow;
    const id = rng.next() < 0.01 && i > 0 ? `N${rng.int(i)}` : `N${i}`;
    if (rng.next() < 0.05) {
      yield {
        change: { kind: "event", record: { id, type: "Intent Surge", occurredAt: new Date(time).toISOString(), accountId: accountId(rng.int(accounts)) } },
      };
    } else {
      yield {
        change: {
          kind: "event",
          record: {
            id,
            type: rng.pick(EVENT_TYPES),
            occurredAt: new Date(time).toISOString(),
            personId: personId(p),
            properties: { webpage: rng.pick(PAGES) },
          },
        },
      };
    }
  }
}

const cpu0 = process.cpuUsage();
const report = measureStreamingLatency(evaluator, stream(), { clock: () => performance.now() });
const cpu = process.cpuUsage(cpu0);
// CPU time of the whole streaming phase (generating the stream included): a figure that other load on the machine does not inflate
const streamCpuMs = (cpu.user + cpu.system) / 1000;
const round = (x: number, digits = 3) => Number(x.toFixed(digits));
console.log(
  JSON.stringify(
    {
      scale,
      accounts,
      persons,
      seedEvents: snapshot.personEvents.size + snapshot.accountEvents.size,
      audiences: audiences.length,
      buildSnapshotMs: Math.round(built - t0),
      seedEvaluatorMs: Math.round(seeded - seeded0),
      ...report,
      p50Ms: round(report.p50Ms, 4),
      p99Ms: round(report.p99Ms, 4),
      maxMs: round(report.maxMs),
      meanMs: round(report.meanMs, 4),
      totalMs: Math.round(report.totalMs),
      changesPerSecond: Math.round(report.changesPerSecond),
      meanReevaluated: round(report.meanReevaluated, 2),
      streamCpuMs: Math.round(streamCpuMs),
      changesPerCpuSecond: Math.round((report.changes / streamCpuMs) * 1000),
      heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
      members: Object.fromEntries(audiences.map((a) => [a.id, evaluator.members(a.id).length])),
    },
    null,
    2,
  ),
);
