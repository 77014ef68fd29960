import { buildSnapshot } from "@abm-kit/core";
import { evaluate, type Audience } from "@abm-kit/audience";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileAudienceSql } from "../src/index.js";
import { duckdbEngine, postgresEngine, type Engine } from "./engines.js";

const NOW = "2026-03-31T12:00:00.000Z";
const TITLES = [
  "Head of\nMarketing",
  "CMO",
  "cmo",
  "Chief\tMarketing Officer",
  "VP-Marketing",
  "a.b",
  "axb",
  "a\nb",
  "Ärzte Leiter",
  "ÄRZTE",
  "",
  "x]y{z}",
  "line1\r\nline2",
  "aaaa",
  "ab",
];
const snapshot = buildSnapshot(
  { accounts: [{ id: "A1" }], persons: TITLES.map((title, i) => ({ id: `P${String(i).padStart(2, "0")}`, title })) },
  { asOf: NOW },
);
const matching = (value: string, caseInsensitive: boolean): Audience => ({
  id: "r",
  name: "r",
  version: 1,
  type: "person",
  condition: { kind: "attribute", field: "title", op: "matches", value, ...(caseInsensitive ? { caseInsensitive } : {}) },
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

async function expectAgreement(pattern: string, caseInsensitive: boolean): Promise<string[]> {
  const audience = matching(pattern, caseInsensitive);
  const expected = evaluate(audience, snapshot, { now: NOW }).memberIds;
  for (const dialect of ["duckdb", "postgres"] as const) {
    const got = await engines[dialect]!.ids(compileAudienceSql(audience, { dialect, now: NOW, snapshot }));
    expect({ dialect, pattern, caseInsensitive, got }).toEqual({ dialect, pattern, caseInsensitive, got: expected });
  }
  return expected;
}

describe("matches: batch, DuckDB and PostgreSQL agree on the portable subset", () => {
  it(". matches a line break in every engine; ^ and $ are the ends of the text", async () => {
    expect(await expectAgreement("of.Marketing", false)).toEqual(["P00"]);
    expect(await expectAgreement("^a.b$", false)).toEqual(["P05", "P06", "P07"]);
    expect(await expectAgreement("of$", false)).toEqual([]);
    expect(await expectAgreement("^Marketing", false)).toEqual([]);
    expect(await expectAgreement("[^a-z]Marketing", false)).toEqual(["P00", "P03", "P04"]);
  });

  it("fixed patterns, with and without caseInsensitive", async () => {
    for (const pattern of ["^C.O$", "ärzte", "\\.", "x\\]y\\{z\\}", "[\\t\\n]", "line1\\r\\nline2", "^(a+)+$", "^a{2,3}$", "^$", "(CMO|VP)-?", "[-.]"]) {
      for (const caseInsensitive of [false, true]) await expectAgreement(pattern, caseInsensitive);
    }
  });

  const atom = fc.constantFrom("a", "b", "M", ".", "\\.", "[ab]", "[^a]", "[a-z]", "\\n", "Ä", "(a|M)", "(ar)");
  const quantified = fc.tuple(atom, fc.constantFrom("", "", "*", "+", "?", "{2}", "{1,3}")).map(([a, q]) => a + q);
  const pattern = fc
    .tuple(fc.boolean(), fc.array(quantified, { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([start, body, end]) => `${start ? "^" : ""}${body.join("")}${end ? "$" : ""}`);

  it("property: generated subset patterns", async () => {
    await fc.assert(
      fc.asyncProperty(pattern, fc.boolean(), async (p, ci) => void (await expectAgreement(p, ci))),
      { numRuns: 60 },
    );
  });
});
