import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSnapshot } from "@abm-kit/core";
import { evaluate, type Condition } from "@abm-kit/audience";
import { compileAudienceSql, DIALECTS, type DialectName } from "../src/index.js";
import { duckdbEngine, postgresEngine, type Engine } from "./engines.js";
import { NOW, accountAudience } from "./fixture.js";

const NASTY = [
  "O'Brien",
  "it''s",
  "back\\slash\\",
  "a -- comment",
  "x'; DROP TABLE accounts; --",
  "$1",
  "?",
  "@p1",
  "*/ /*",
  'double "quote"',
  "line\nbreak",
  "\u0001 0\u0001",
];
const WEIRD_FIELD = `we"ird'field -- x`;

const snapshot = buildSnapshot(
  {
    accounts: [
      ...NASTY.map((industry, i) => ({
        id: `N${String(i).padStart(2, "0")}`,
        industry,
        attributes: { [WEIRD_FIELD]: industry, Tags__c: [industry, "plain"] },
      })),
      { id: "Z", industry: "plain" },
    ],
  },
  { asOf: NOW, fields: { account: { Tags__c: { type: "multi" } } } },
);
const engines: Partial<Record<DialectName, Engine>> = {};
beforeAll(async () => {
  engines.duckdb = await duckdbEngine(snapshot);
  engines.postgres = await postgresEngine(snapshot);
});
afterAll(async () => {
  await engines.duckdb?.close();
  await engines.postgres?.close();
});

const conditionsFor = (value: string): Condition[] => [
  { kind: "attribute", field: "industry", op: "eq", value },
  { kind: "attribute", field: "industry", op: "in", values: [value, "nothing"] },
  { kind: "attribute", field: "industry", op: "contains", value },
  { kind: "attribute", field: "industry", op: "startsWith", value, caseInsensitive: true },
  { kind: "attribute", field: "industry", op: "endsWith", value },
  { kind: "attribute", field: WEIRD_FIELD, op: "eq", value },
  { kind: "attribute", field: "Tags__c", op: "containsAny", values: [value] },
];

describe("values are bound parameters", () => {
  for (const dialect of ["duckdb", "postgres"] as const) {
    it(`${dialect}: quotes, backslashes, -- and placeholders in values match literally and change nothing`, async () => {
      for (const value of NASTY) {
        for (const condition of conditionsFor(value)) {
          const audience = accountAudience(condition);
          const compiled = compileAudienceSql(audience, { dialect, now: NOW, snapshot });
          expect(compiled.params).toContain(value);
          expect(await engines[dialect]!.ids(compiled)).toEqual(evaluate(audience, snapshot, { now: NOW }).memberIds);
        }
      }
      // the tables are intact after every query
      expect(await engines[dialect]!.query("SELECT COUNT(*) AS n FROM accounts")).toEqual([{ n: "13" }]);
    });
  }

  it("no value ever appears in the SQL text of any dialect", () => {
    for (const dialect of Object.keys(DIALECTS) as DialectName[]) {
      for (const value of NASTY.filter((v) => v.length > 1 && !["$1", "@p1", "*/ /*"].includes(v))) {
        const { sql } = compileAudienceSql(accountAudience({ kind: "or", conditions: conditionsFor(value) }), { dialect, now: NOW, snapshot });
        expect(sql.includes(value)).toBe(false);
      }
    }
  });

  it("a field name with quotes is quoted, and a name with a control character is refused", () => {
    const { sql } = compileAudienceSql(accountAudience({ kind: "attribute", field: WEIRD_FIELD, op: "exists" }), { dialect: "postgres", now: NOW, snapshot });
    expect(sql).toContain(`"we""ird'field -- x"`);
    expect(() =>
      compileAudienceSql(accountAudience({ kind: "attribute", field: "a\nb", op: "exists" }), {
        dialect: "postgres",
        now: NOW,
        layout: { ...emptyLayout(), accounts: { "a\nb": "string" } },
      }),
    ).toThrow(expect.objectContaining({ code: "INVALID_IDENTIFIER" }));
  });
});

function emptyLayout() {
  return {
    accounts: {},
    persons: {},
    links: {},
    opportunities: {},
    opportunityRoles: {},
    campaigns: {},
    campaignMembers: {},
    personEvents: {},
    accountEvents: {},
    related: {},
  };
}
