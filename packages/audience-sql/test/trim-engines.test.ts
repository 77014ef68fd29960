import { buildSnapshot } from "@abm-kit/core";
import { attr, createStreamingEvaluator, evaluate, validateAudience, type Audience, type AttributeCondition } from "@abm-kit/audience";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileAudienceSql } from "../src/index.js";
import { duckdbEngine, postgresEngine, type Engine } from "./engines.js";

const NOW = "2026-03-31T12:00:00.000Z";
const TITLES = [" CMO ", "CMO", "cmo\t", "\nCMO\r\n", "C MO", "  ", "", "\u00a0CMO", "VP Marketing ", " vp marketing", "CMO x"];
const snapshot = buildSnapshot(
  { accounts: [{ id: "A1" }], persons: TITLES.map((title, i) => ({ id: `P${String(i).padStart(2, "0")}`, title })) },
  { asOf: NOW },
);
const audience = (condition: AttributeCondition): Audience => ({ id: "t", name: "t", version: 1, type: "person", condition });

const engines: Record<"duckdb" | "postgres", Engine | undefined> = { duckdb: undefined, postgres: undefined };
beforeAll(async () => {
  engines.duckdb = await duckdbEngine(snapshot);
  engines.postgres = await postgresEngine(snapshot);
});
afterAll(async () => {
  await engines.duckdb?.close();
  await engines.postgres?.close();
});

/** Batch, streaming, DuckDB and PostgreSQL members of one condition; they must agree. */
async function agreed(condition: AttributeCondition): Promise<string[]> {
  const a = audience(condition);
  validateAudience(a);
  const batch = evaluate(a, snapshot, { now: NOW }).memberIds;
  expect(createStreamingEvaluator(snapshot, [a], { now: NOW }).members("t")).toEqual(batch);
  for (const dialect of ["duckdb", "postgres"] as const) {
    const got = await engines[dialect]!.ids(compileAudienceSql(a, { dialect, now: NOW, snapshot }));
    expect({ dialect, condition, got }).toEqual({ dialect, condition, got: batch });
  }
  return batch;
}

describe("trim: batch, streaming, DuckDB and PostgreSQL ignore the same surrounding spaces", () => {
  it("matches a title with spaces, tabs or line breaks around it, and not a no-break space", async () => {
    expect(await agreed(attr("title").eq("CMO"))).toEqual(["P01"]);
    expect(await agreed(attr("title").eq("CMO", { trim: true }))).toEqual(["P00", "P01", "P03"]);
    expect(await agreed(attr("title").eq(" cmo ", { trim: true, caseInsensitive: true }))).toEqual(["P00", "P01", "P02", "P03"]);
    expect(await agreed(attr("title").in(["vp marketing"], { trim: true, caseInsensitive: true }))).toEqual(["P08", "P09"]);
    expect(await agreed(attr("title").endsWith("CMO", { trim: true }))).toEqual(["P00", "P01", "P03", "P07"]);
    expect(await agreed(attr("title").matches("^CMO$", { trim: true }))).toEqual(["P00", "P01", "P03"]);
    expect(await agreed(attr("title").eq("", { trim: true }))).toEqual(["P05", "P06"]);
  });

  it("refuses trim on operators it does not apply to", () => {
    expect(() => validateAudience(audience({ kind: "attribute", field: "roles", op: "containsAny", values: ["x"], trim: true }))).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ message: "trim does not apply to containsAny" })] }),
    );
  });

  const text = fc.stringMatching(/^[ \t\n\rCcMmOo]{0,6}$/);
  const op = fc.constantFrom("eq", "neq", "contains", "startsWith", "endsWith") as fc.Arbitrary<"eq" | "neq" | "contains" | "startsWith" | "endsWith">;
  it("property: generated operands and options", async () => {
    await fc.assert(
      fc.asyncProperty(op, text, fc.boolean(), fc.boolean(), async (o, value, trim, caseInsensitive) => {
        await agreed({ kind: "attribute", field: "title", op: o, value, ...(trim ? { trim } : {}), ...(caseInsensitive ? { caseInsensitive } : {}) });
      }),
      { numRuns: 40 },
    );
  });
});
