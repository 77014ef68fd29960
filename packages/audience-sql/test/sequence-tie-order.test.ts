import { buildSnapshot, compareEventIds } from "@abm-kit/core";
import { createStreamingEvaluator, evaluate, type Audience, type Condition } from "@abm-kit/audience";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileAudienceSql } from "../src/index.js";
import { duckdbEngine, postgresEngine, type Engine } from "./engines.js";

const NOW = "2026-03-31T12:00:00.000Z";
const AT = "2026-03-30T09:00:00.000Z";
const FORM = "Fill Out Form";
const VISIT = "Visit Webpage";
// P1: the form is marketo:9, the visit marketo:10, at one instant; P2 the other way round
const events = [
  { id: "marketo:9", type: FORM, occurredAt: AT, personId: "P1" },
  { id: "marketo:10", type: VISIT, occurredAt: AT, personId: "P1" },
  { id: "marketo:9x", type: VISIT, occurredAt: AT, personId: "P2" },
  { id: "marketo:10x", type: FORM, occurredAt: AT, personId: "P2" },
];
const snapshot = buildSnapshot({ accounts: [{ id: "A1" }], persons: [{ id: "P1" }, { id: "P2" }], events }, { asOf: NOW });
const sequence = (first: string, then: string): Audience => ({
  id: "s",
  name: "s",
  version: 1,
  type: "person",
  condition: {
    kind: "sequence",
    steps: [{ types: [first] }, { types: [then] }],
    within: { amount: 0, unit: "days" },
    window: { last: { amount: 7, unit: "days" } },
  } as Condition,
});

const engines: Record<"duckdb" | "postgres", Engine | undefined> = { duckdb: undefined, postgres: undefined };
beforeAll(async () => {
  engines.duckdb = await duckdbEngine(snapshot);
  engines.postgres = await postgresEngine(snapshot);
});
afterAll(async () => {
  await engines.duckdb?.close();
  await engines.postgres?.close();
});

async function agreed(audience: Audience): Promise<string[]> {
  const batch = evaluate(audience, snapshot, { now: NOW }).memberIds;
  expect(createStreamingEvaluator(snapshot, [audience], { now: NOW }).members("s")).toEqual(batch);
  // the same events arriving on the stream, in the reverse order, land in the same place
  const empty = buildSnapshot({ accounts: [{ id: "A1" }], persons: [{ id: "P1" }, { id: "P2" }] }, { asOf: NOW });
  const streamed = createStreamingEvaluator(empty, [audience], { now: NOW });
  for (const record of [...events].reverse()) expect(streamed.apply({ kind: "event", record }).status).toBe("applied");
  expect(streamed.members("s")).toEqual(batch);
  for (const dialect of ["duckdb", "postgres"] as const) {
    const got = await engines[dialect]!.ids(compileAudienceSql(audience, { dialect, now: NOW, snapshot }));
    expect({ dialect, got }).toEqual({ dialect, got: batch });
  }
  return batch;
}

describe("sequences: events at one instant are in numeric-aware id order everywhere", () => {
  it("takes marketo:9 before marketo:10 in batch, streaming, DuckDB and PostgreSQL", async () => {
    expect(await agreed(sequence(FORM, VISIT))).toEqual(["P1"]);
    expect(await agreed(sequence(VISIT, FORM))).toEqual(["P2"]);
  });

  it("orders ids by digit runs as numbers, other runs by code units, and totally", () => {
    expect(compareEventIds("marketo:9", "marketo:10")).toBeLessThan(0);
    expect(compareEventIds("a2b", "a10a")).toBeLessThan(0);
    expect(compareEventIds("a01", "a1")).toBeLessThan(0);
    expect(compareEventIds("x99999999999999999999999", "x100000000000000000000000")).toBeLessThan(0);
    expect(compareEventIds("b", "a9")).toBeGreaterThan(0);
    const id = fc.stringMatching(/^[a-c:0-9]{0,8}$/);
    fc.assert(
      fc.property(id, id, id, (a, b, c) => {
        expect(Math.sign(compareEventIds(a, b))).toBe(-Math.sign(compareEventIds(b, a)) || 0);
        expect(compareEventIds(a, b) === 0).toBe(a === b);
        if (compareEventIds(a, b) < 0 && compareEventIds(b, c) < 0) expect(compareEventIds(a, c)).toBeLessThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
