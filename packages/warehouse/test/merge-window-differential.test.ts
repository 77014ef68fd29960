import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveIdentityConfig, type IdentityConfigInput } from "@abm-kit/core";
import { mergeFieldsSql, warehouseDialect, type WarehouseDialect } from "../src/index.js";
import { ENGINES } from "./engines.js";

const candidate = fc.record({
  entity: fc.constantFrom("e1", "e2", "e3"),
  system: fc.constantFrom("salesforce", "marketo", "zeta", "acme"),
  namespace: fc.constantFrom("salesforce.contact", "marketo.lead", "partner.id"),
  value: fc.constantFrom("a", "B", "b", "10", "9"),
  updatedAt: fc.option(fc.constantFrom("2026-01-01T00:00:00.000Z", "2026-06-01T00:00:00.000Z"), { nil: undefined }),
  firstName: fc.option(fc.constantFrom("Ann", "Bo", "", " "), { nil: undefined }),
  title: fc.option(fc.constantFrom("CTO", "VP", ""), { nil: undefined }),
});
const CONFIGS: IdentityConfigInput[] = [
  {},
  { persons: { sourcePrecedence: ["marketo", "salesforce"], fieldPolicies: { title: "mostRecent" } } },
  { persons: { defaultPolicy: "mostRecent", idPriority: ["partner.id"] } },
];
const lit = (s: string | undefined) => (s === undefined ? "NULL" : `'${s.replaceAll("'", "''")}'`);

// Snowflake, BigQuery and Spark merge with FIRST_VALUE over a window, DuckDB with first_value(… IGNORE NULLS) over one window per order; each engine here runs
// every form it can against the ordered array_agg form
const FORMS: Record<string, readonly WarehouseDialect["firstValueBy"][]> = { duckdb: ["window", "ignoreNulls"], postgres: ["window"] };
describe.each(ENGINES.flatMap(([name, open]) => (FORMS[name] ?? []).map((form) => [form, name, open] as const)))(
  "the %s form of the field merge in %s",
  (form, name, open) => {
    it.each(CONFIGS.map((c, i) => [i, c] as const))("picks what the array_agg form picks (configuration %s)", async (_i, input) => {
      const engine = await open();
      const d: WarehouseDialect = { ...warehouseDialect(name), firstValueBy: "arrayAgg" };
      const windowed: WarehouseDialect = { ...d, firstValueBy: form };
      const config = resolveIdentityConfig(input).persons;
      let run = 0;
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(candidate, { minLength: 1, maxLength: 10 }), async (rows) => {
            const t = `w${run++}`;
            await engine.query(`CREATE TABLE ${t}_ids (record BIGINT, entity_id VARCHAR)`);
            await engine.query(`INSERT INTO ${t}_ids VALUES ${rows.map((r, i) => `(${i}, ${lit(r.entity)})`).join(", ")}`);
            await engine.query(
              `CREATE TABLE ${t}_candidates (record BIGINT, system VARCHAR, namespace VARCHAR, value VARCHAR, updated_at VARCHAR, "firstName" VARCHAR, title VARCHAR)`,
            );
            await engine.query(
              `INSERT INTO ${t}_candidates VALUES ${rows.map((r, i) => `(${i}, ${lit(r.system)}, ${lit(r.namespace)}, ${lit(r.value)}, ${lit(r.updatedAt)}, ${lit(r.firstName)}, ${lit(r.title)})`).join(", ")}`,
            );
            const merge = { clusters: `${t}_ids`, candidates: `${t}_candidates`, fields: ["firstName", "title"] };
            const want = await engine.query(`${mergeFieldsSql(d, config, merge)} ORDER BY 1`);
            const got = await engine.query(`${mergeFieldsSql(windowed, config, merge)} ORDER BY 1`);
            expect(got).toEqual(want);
            expect(got.length).toBe(new Set(rows.map((r) => r.entity)).size);
          }),
          { numRuns: 40 },
        );
      } finally {
        await engine.close();
      }
    });
  },
);
