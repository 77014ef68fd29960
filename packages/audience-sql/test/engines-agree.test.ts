import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "@abm-kit/audience";
import { compileAudienceSql } from "../src/index.js";
import { caseAudiences } from "./cases.js";
import { duckdbEngine, postgresEngine, type Engine } from "./engines.js";
import { NOW, sqlFixture } from "./fixture.js";

const snapshot = sqlFixture();
const engines: Record<"duckdb" | "postgres", Engine | undefined> = { duckdb: undefined, postgres: undefined };
beforeAll(async () => {
  engines.duckdb = await duckdbEngine(snapshot);
  engines.postgres = await postgresEngine(snapshot);
});
afterAll(async () => {
  await engines.duckdb?.close();
  await engines.postgres?.close();
});

describe("DuckDB and PostgreSQL return the in-memory engine's members", () => {
  const cases = caseAudiences();
  it("the fixture makes the cases meaningful (neither all nor none for most)", () => {
    const sizes = cases.map(({ audience }) => evaluate(audience, snapshot, { now: NOW }).size);
    const total = (type: string) => (type === "account" ? snapshot.accounts.size : snapshot.persons.size);
    const informative = cases.filter(({ audience }, i) => sizes[i]! > 0 && sizes[i]! < total(audience.type)).length;
    expect(informative).toBeGreaterThan(cases.length * 0.8);
  });
  for (const { name, audience } of cases) {
    for (const dialect of ["duckdb", "postgres"] as const) {
      it(`${dialect}: ${name}`, async () => {
        const expected = evaluate(audience, snapshot, { now: NOW }).memberIds;
        const compiled = compileAudienceSql(audience, { dialect, now: NOW, snapshot });
        expect(await engines[dialect]!.ids(compiled)).toEqual(expected);
      });
    }
  }
});
