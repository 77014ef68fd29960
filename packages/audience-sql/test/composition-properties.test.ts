import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { AbmKitError } from "@abm-kit/core";
import { evaluateComposition, type Composition } from "@abm-kit/audience";
import { compileCompositionSql } from "../src/index.js";
import { compositionArb } from "./composition-arbitraries.js";
import { COMPOSITION_AUDIENCES, GIVEN_RESULT } from "./composition-cases.js";
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

/** A driver value in JSON form: numbers DuckDB returns as text become numbers. */
const numeric = (v: unknown): unknown => (typeof v === "string" && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v) ? Number(v) : (v ?? null));

const NOWS = [NOW, "2026-02-28T23:59:59.999Z", "2025-12-31T12:00:00.000Z"];
const options = { snapshot, audiences: COMPOSITION_AUDIENCES, results: [GIVEN_RESULT] };

/** Checks both engines against `evaluateComposition`: the same outputs with the same members, or the same error code. */
async function check(composition: Composition, now: string): Promise<"invalid" | "trivial" | "informative"> {
  let expected;
  try {
    expected = evaluateComposition(composition, snapshot, { now, ...options });
  } catch (error) {
    if (!(error instanceof AbmKitError)) throw error;
    for (const dialect of ["duckdb", "postgres"] as const) {
      expect(() => compileCompositionSql(composition, { ...options, now, dialect })).toThrow(expect.objectContaining({ code: error.code }));
    }
    return "invalid";
  }
  for (const [dialect, engine] of [
    ["duckdb", duck],
    ["postgres", postgres],
  ] as const) {
    const compiled = compileCompositionSql(composition, { ...options, now, dialect });
    expect(compiled.outputs.map((o) => o.audienceId)).toEqual(expected.map((r) => r.audienceId));
    for (const [i, output] of compiled.outputs.entries()) {
      expect(await engine.ids(output as never)).toEqual(expected[i]!.memberIds);
      if (composition.enrich === undefined) continue;
      const rows = await engine.query(output.enrich!.sql, output.enrich!.params);
      expect(
        rows.map(({ id, ...attributes }) => ({ id, attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, numeric(v)])) })),
      ).toEqual(expected[i]!.members!.map((m) => ({ id: m.id, attributes: m.attributes })));
    }
  }
  const total = composition.type === "account" ? snapshot.accounts.size : snapshot.persons.size;
  return expected.some((r) => r.size > 0 && r.size < total) ? "informative" : "trivial";
}

describe("differential: random compositions on DuckDB and PostgreSQL", () => {
  it("return exactly evaluateComposition's outputs and members (or raise the same error)", async () => {
    const seen = { invalid: 0, trivial: 0, informative: 0 };
    await fc.assert(
      fc.asyncProperty(compositionArb, fc.constantFrom(...NOWS), async (composition, now) => {
        seen[await check(composition, now)]++;
      }),
      { numRuns: 300, seed: 20261123 },
    );
    // most generated compositions are valid and informative; the invalid ones check that SQL raises the in-memory error
    expect(seen.informative).toBeGreaterThan(100);
    expect(seen.invalid).toBeGreaterThan(20);
    expect(seen.invalid).toBeLessThan(150);
  });

  it("agree on fresh random seeds too", async () => {
    await fc.assert(
      fc.asyncProperty(compositionArb, fc.constantFrom(...NOWS), async (composition, now) => {
        await check(composition, now);
      }),
      { numRuns: 100 },
    );
  });
});
