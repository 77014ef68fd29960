import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { AbmKitError } from "@abm-kit/core";
import { evaluate, type Audience } from "@abm-kit/audience";
import { compileAudienceSql } from "../src/index.js";
import { conditionArb } from "./arbitraries.js";
import { duckdbEngine, postgresEngine, type Engine } from "./engines.js";
import { NOW, sqlFixture } from "./fixture.js";

const snapshot = sqlFixture();
let duck: Engine;
let postgres: Engine;
beforeAll(async () => {
  duck = await duckdbEngine(snapshot);
  postgres = await postgresEngine(snapshot);
});
afterAll(async () => {
  await duck?.close();
  await postgres?.close();
});

/** A referenced audience, so random audiences can use `inAudience`. */
const REFERENCED: Audience = {
  id: "ref.engaged",
  name: "Engaged",
  version: 1,
  type: "account",
  condition: { kind: "event", types: ["Visit Webpage", "Intent Surge"], window: { last: { amount: 60, unit: "days" } } },
};
const PERSON_REFERENCED: Audience = {
  id: "ref.cmo",
  name: "CMOs",
  version: 1,
  type: "person",
  condition: { kind: "attribute", field: "title", op: "in", values: ["CMO", "Chief Marketing Officer"] },
};
/** The in-memory members, or the code of the typed error evaluation raises (compiling must raise the same). */
function expectedOf(audience: Audience, now: string, audiences: Audience[]): string[] | { code: string } {
  try {
    return evaluate(audience, snapshot, { now, audiences }).memberIds;
  } catch (error) {
    if (error instanceof AbmKitError) return { code: error.code };
    throw error;
  }
}

/** Checks both engines against the in-memory result; returns whether the audience was valid and informative. */
async function check(audience: Audience, now: string): Promise<"invalid" | "trivial" | "informative"> {
  const audiences = [REFERENCED, PERSON_REFERENCED];
  const expected = expectedOf(audience, now, audiences);
  const options = { now, snapshot, audiences };
  if (!Array.isArray(expected)) {
    for (const dialect of ["duckdb", "postgres"] as const) {
      expect(() => compileAudienceSql(audience, { ...options, dialect })).toThrow(expect.objectContaining({ code: expected.code }));
    }
    return "invalid";
  }
  expect(await duck.ids(compileAudienceSql(audience, { ...options, dialect: "duckdb" }))).toEqual(expected);
  expect(await postgres.ids(compileAudienceSql(audience, { ...options, dialect: "postgres" }))).toEqual(expected);
  const total = audience.type === "account" ? snapshot.accounts.size : snapshot.persons.size;
  return expected.length > 0 && expected.length < total ? "informative" : "trivial";
}

/** Evaluation moments: the fixture's `now`, a month end after a short month, a leap day. */
const NOWS = [NOW, "2026-03-31T00:00:00.000Z", "2026-02-28T23:59:59.999Z", "2025-12-31T12:00:00.000Z"];

const audienceArb = fc.constantFrom("account" as const, "person" as const).chain((type) =>
  fc
    .record({
      condition: conditionArb(type, 3, type === "account" ? { id: REFERENCED.id, type } : { id: PERSON_REFERENCED.id, type }),
      now: fc.constantFrom(...NOWS),
    })
    .map(({ condition, now }) => ({ audience: { id: "random", name: "Random", version: 1, type, condition } as Audience, now })),
);

describe("differential: random audiences on DuckDB and PostgreSQL", () => {
  it("return exactly the in-memory engine's members at the same now", async () => {
    const seen = { invalid: 0, trivial: 0, informative: 0 };
    await fc.assert(
      fc.asyncProperty(audienceArb, async ({ audience, now }) => {
        seen[await check(audience, now)]++;
      }),
      { numRuns: 400, seed: 20261120 },
    );
    // the generated audiences are mostly valid and informative (neither everyone nor no one)
    expect(seen.informative).toBeGreaterThan(120);
    expect(seen.invalid).toBeLessThan(100);
  });

  it("agree on fresh random seeds too", async () => {
    await fc.assert(
      fc.asyncProperty(audienceArb, async ({ audience, now }) => {
        await check(audience, now);
      }),
      { numRuns: 150 },
    );
  });
});
