import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStreamingEvaluator, evaluateAll } from "../src/index.js";
import { DAY, HOUR, RecordModel, START, START_MS, STREAMING_AUDIENCES, at } from "./streaming-model.js";

const ACCOUNT_IDS = ["A0", "A1", "A2", "A3", "A4", "A5"];
const PERSON_IDS = ["P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7"];
const OPPORTUNITY_IDS = ["O0", "O1", "O2", "O3", "O4"];
const EVENT_IDS = Array.from({ length: 60 }, (_, i) => `E${i}`);
const DOMAINS = ["acme.com", "www.acme.com", "beta.io", "gamma.de"];

const hours = (fromDays: number, toDays: number) => fc.integer({ min: fromDays * 24, max: toDays * 24 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const accountArb = (ids: string[]) =>
  fc.record({
    id: fc.constantFrom(...ids),
    industry: maybe(fc.constantFrom("Software", "Retail")),
    employeeCount: maybe(fc.constantFrom(50, 200, 900)),
    domain: maybe(fc.constantFrom(...DOMAINS)),
    createdAt: maybe(hours(-30, 20).map(at)),
    attributes: fc.record({ Tier__c: fc.constantFrom("1", "2") }),
  });
const personArb = (ids: string[]) =>
  fc.record({
    id: fc.constantFrom(...ids),
    title: maybe(fc.constantFrom("CMO", "Chief Marketing Officer", "CIO")),
    consent: fc.record({ email: fc.constantFrom("granted", "denied", "unknown") as fc.Arbitrary<"granted" | "denied" | "unknown"> }),
  });
const opportunityArb = fc.record({
  id: fc.constantFrom(...OPPORTUNITY_IDS),
  accountId: fc.constantFrom(...ACCOUNT_IDS),
  amount: maybe(fc.constantFrom(10000, 25000)),
  isClosed: fc.boolean(),
  closeDate: maybe(hours(-40, 30).map((h) => at(h).slice(0, 10))),
});
const linkArb = fc.record({ accountId: fc.constantFrom(...ACCOUNT_IDS), personId: fc.constantFrom(...PERSON_IDS), isActive: fc.boolean() });
const personEventArb = fc.record({
  id: fc.constantFrom(...EVENT_IDS),
  type: fc.constantFrom("Visit Webpage", "Fill Out Form", "Open Email"),
  occurredAt: hours(-45, 45).map(at),
  personId: fc.constantFrom(...PERSON_IDS),
  properties: fc.record({ webpage: fc.constantFrom("/pricing", "/blog") }),
});
const accountEventArb = fc.record({
  id: fc.constantFrom(...EVENT_IDS),
  type: fc.constantFrom("Intent Surge", "Visit Webpage"),
  occurredAt: hours(-45, 45).map(at),
  accountId: fc.constantFrom(...ACCOUNT_IDS),
});
const eventArb = fc.oneof({ weight: 3, arbitrary: personEventArb }, { weight: 1, arbitrary: accountEventArb });
const intentArb = fc.record({
  key: fc.constantFrom(...DOMAINS, "https://beta.io/x"),
  values: fc.record({ topic: fc.constantFrom("CRM"), score: fc.constantFrom(40, 80) }),
});
const productArb = fc.record({ key: fc.constantFrom(...ACCOUNT_IDS), values: fc.record({ product: fc.constantFrom("X", "Y", "Z") }) });

const changeArb = fc.oneof(
  { weight: 8, arbitrary: eventArb.map((record) => ({ kind: "event" as const, record })) },
  { weight: 2, arbitrary: accountArb(ACCOUNT_IDS).map((record) => ({ kind: "account" as const, record })) },
  { weight: 2, arbitrary: personArb(PERSON_IDS).map((record) => ({ kind: "person" as const, record })) },
  { weight: 2, arbitrary: opportunityArb.map((record) => ({ kind: "opportunity" as const, record })) },
  { weight: 3, arbitrary: linkArb.map((record) => ({ kind: "link" as const, record })) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("unlink" as const), accountId: fc.constantFrom(...ACCOUNT_IDS), personId: fc.constantFrom(...PERSON_IDS) }),
  },
  { weight: 1, arbitrary: intentArb.map((record) => ({ kind: "relatedRow" as const, table: "intent", record })) },
  { weight: 1, arbitrary: productArb.map((record) => ({ kind: "relatedRow" as const, table: "ownedProducts", record })) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 10 * 24 }).map((h) => ({ kind: "advance" as const, hours: h })) },
);

const baseArb = fc.record({
  accounts: fc.array(accountArb(ACCOUNT_IDS.slice(0, 4)), { maxLength: 5 }),
  persons: fc.array(personArb(PERSON_IDS.slice(0, 6)), { maxLength: 7 }),
  links: fc.array(linkArb, { maxLength: 10 }),
  opportunities: fc.array(opportunityArb, { maxLength: 4 }),
  events: fc.array(eventArb, { maxLength: 25 }),
  intent: fc.array(intentArb, { maxLength: 3 }),
  products: fc.array(productArb, { maxLength: 3 }),
});

type Base = typeof baseArb extends fc.Arbitrary<infer T> ? T : never;

/** Loads the base records into a model the way a builder keeps them (latest per id; first event per id). */
function modelOf(base: Base): RecordModel {
  const model = new RecordModel();
  for (const r of base.accounts) model.record({ kind: "account", record: r });
  for (const r of base.persons) model.record({ kind: "person", record: r });
  const accounts = new Set(model.accounts.keys());
  const persons = new Set(model.persons.keys());
  for (const r of base.links) if (accounts.has(r.accountId) && persons.has(r.personId)) model.record({ kind: "link", record: r });
  // a Snapshot keeps no account id for an opportunity whose account it lacks, so the seed has none such
  for (const r of base.opportunities) if (accounts.has(r.accountId)) model.record({ kind: "opportunity", record: r });
  const seen = new Set<string>();
  for (const r of base.events) {
    const owner = "personId" in r ? persons.has(r.personId) : accounts.has(r.accountId);
    if (!seen.has(r.id) && owner) {
      seen.add(r.id);
      model.record({ kind: "event", record: r });
    }
  }
  for (const r of base.intent) model.record({ kind: "relatedRow", table: "intent", record: r });
  for (const r of base.products) model.record({ kind: "relatedRow", table: "ownedProducts", record: r });
  return model;
}

function batchMembers(model: RecordModel, nowMs: number): Record<string, string[]> {
  const now = new Date(nowMs).toISOString();
  const results = evaluateAll(STREAMING_AUDIENCES, model.snapshot(now), { now });
  return Object.fromEntries(results.map((r) => [r.audienceId, r.memberIds]));
}

describe("streaming evaluation equals batch evaluation", () => {
  it("after every change and time advance, for random data and change streams", () => {
    fc.assert(
      fc.property(baseArb, fc.array(changeArb, { minLength: 1, maxLength: 30 }), fc.integer({ min: -5 * 24, max: 5 * 24 }), (base, changes, startOffset) => {
        const model = modelOf(base);
        let nowMs = START_MS + startOffset * HOUR;
        const evaluator = createStreamingEvaluator(model.snapshot(START), STREAMING_AUDIENCES, { now: nowMs });
        // membership as told by the emitted events, from the initial members
        const told = new Map(STREAMING_AUDIENCES.map((a) => [a.id, new Set(evaluator.members(a.id))]));
        evaluator.on("entered", (c) => told.get(c.audienceId)!.add(c.memberId));
        evaluator.on("exited", (c) => told.get(c.audienceId)!.delete(c.memberId));
        const compare = (step: string) => {
          const expected = batchMembers(model, nowMs);
          for (const audience of STREAMING_AUDIENCES) {
            const streamed = evaluator.members(audience.id);
            expect(streamed, `${audience.id} after ${step}`).toEqual(expected[audience.id]);
            expect([...told.get(audience.id)!].sort(), `${audience.id} events after ${step}`).toEqual(streamed);
          }
        };
        compare("seed");
        changes.forEach((change, i) => {
          if (change.kind === "advance") {
            nowMs += change.hours * HOUR;
            evaluator.advanceTo(nowMs);
          } else {
            const outcome = evaluator.apply(change);
            if (outcome.status === "applied") model.record(change);
          }
          compare(`step ${i} (${change.kind})`);
        });
      }),
      { numRuns: Number(process.env.STREAMING_PROPERTY_RUNS ?? 150) },
    );
  });

  it("across long jumps of time (windows open and close in between)", () => {
    fc.assert(
      fc.property(baseArb, fc.array(fc.integer({ min: 1, max: 60 * 24 }), { minLength: 1, maxLength: 6 }), (base, jumps) => {
        const model = modelOf(base);
        let nowMs = START_MS - 40 * DAY;
        const evaluator = createStreamingEvaluator(model.snapshot(START), STREAMING_AUDIENCES, { now: nowMs });
        for (const jump of jumps) {
          nowMs += jump * HOUR;
          evaluator.advanceTo(nowMs);
          const expected = batchMembers(model, nowMs);
          for (const audience of STREAMING_AUDIENCES) expect(evaluator.members(audience.id), audience.id).toEqual(expected[audience.id]);
        }
      }),
      { numRuns: Number(process.env.STREAMING_PROPERTY_RUNS ?? 100) },
    );
  });
});
