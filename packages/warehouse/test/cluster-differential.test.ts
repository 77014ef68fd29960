import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdentityGraph, resolveIdentityConfig, type IdentityConfigInput, type PersonSourceRecord } from "@abm-kit/core";
import { clusterRecordsInSql, identityValuesSql, resolveRefsInSql, resolveRefsSql, warehouseDialect } from "../src/index.js";
import { ENGINES } from "./engines.js";

const NAMESPACES = ["salesforce.contact", "salesforce.lead", "marketo.lead", "partner.id"];
// Salesforce ids are used as they are (rawIdNamespaces), so contact and lead ids never look alike, as in Salesforce (003…, 00Q…)
const PREFIX: Record<string, string> = { "salesforce.contact": "003", "salesforce.lead": "00Q", "marketo.lead": "", "partner.id": "" };
const ref = fc
  .tuple(fc.constantFrom(...NAMESPACES), fc.constantFrom("1", "2", "3", "4", " 2 ", "null"))
  .map(([namespace, v]) => ({ namespace, value: v === "null" ? v : v.replace(/\d/, (n) => PREFIX[namespace] + n) }));
const email = fc.constantFrom("A@x.com", " a@x.com ", "b@x.com", "B@X.COM", "test@test.com", "noreply@x.com", "bad", "@x", "c@y.com", "d@y.com", "a@b@c.com");
const person = fc.record({
  key: fc
    .tuple(fc.constantFrom(...NAMESPACES), fc.constantFrom("1", "2", "3", "4", "5"))
    .map(([namespace, n]) => ({ namespace, value: PREFIX[namespace] + n })),
  identities: fc.array(ref, { maxLength: 2 }),
  email: fc.option(email, { nil: undefined }),
});
const CONFIG: IdentityConfigInput = {
  persons: {
    mergeOn: [
      { namespace: "salesforce.contact" },
      { namespace: "salesforce.lead" },
      { namespace: "marketo.lead", maxRecordsPerValue: 3 },
      { namespace: "email", maxRecordsPerValue: 2 },
    ],
  },
};

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

describe.each(ENGINES)("persons clustered in %s", (name, open) => {
  it("get the unified ids the identity graph gives them (merges on ids and emails, collapse guard, block list, id priority)", async () => {
    const engine = await open();
    const d = warehouseDialect(name);
    const config = resolveIdentityConfig(CONFIG);
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(person, { minLength: 1, maxLength: 12 }),
          fc.array(
            fc.oneof(
              ref,
              email.map((value) => ({ namespace: "email", value })),
            ),
            { minLength: 1, maxLength: 6 },
          ),
          async (people, refs) => {
            const graph = new IdentityGraph(CONFIG);
            const records: PersonSourceRecord[] = people.map((p) => ({
              key: p.key,
              sourceKey: { system: "test", object: "Person", id: `${p.key.namespace}/${p.key.value}` },
              ...(p.identities.length > 0 ? { identities: p.identities } : {}),
              person: p.email === undefined ? {} : { email: p.email },
            }));
            const report = graph.add({ persons: records });
            expect(report.problems).toEqual([]);
            const t = `c${run++}`;
            await engine.query(`CREATE TABLE ${t}_records (record BIGINT, namespace VARCHAR, value VARCHAR)`);
            await engine.query(`CREATE TABLE ${t}_identities (record BIGINT, namespace VARCHAR, value VARCHAR)`);
            const rows = (list: string[]) => (list.length > 0 ? list.join(", ") : "");
            await engine.query(`INSERT INTO ${t}_records VALUES ${rows(people.map((p, i) => `(${i}, ${lit(p.key.namespace)}, ${lit(p.key.value)})`))}`);
            const ids = people.flatMap((p, i) => [
              ...p.identities.map((r) => `(${i}, ${lit(r.namespace)}, ${lit(r.value)})`),
              ...(p.email === undefined ? [] : [`(${i}, 'email', ${lit(p.email)})`]),
            ]);
            if (ids.length > 0) await engine.query(`INSERT INTO ${t}_identities VALUES ${rows(ids)}`);
            await engine.query(`CREATE TABLE ${t}_values AS ${identityValuesSql(d, config, `${t}_records`, `${t}_identities`)}`);
            // each value once per record: an identity equal to the own key, or listed twice, is not a second row
            const [counts] = await engine.query(
              `SELECT count(*) AS n_rows, (SELECT count(*) FROM (SELECT DISTINCT record, namespace, value FROM ${t}_values) v) AS n_distinct FROM ${t}_values`,
            );
            expect(Number(counts!.n_rows)).toBe(Number(counts!.n_distinct));
            const { rounds } = await clusterRecordsInSql(engine.query, d, config.persons, {
              records: `${t}_records`,
              values: `${t}_values`,
              output: `${t}_out`,
            });
            expect(rounds).toBeGreaterThanOrEqual(1);
            const out = await engine.query(`SELECT record, entity_id FROM ${t}_out ORDER BY record`);
            // each record's person, by its source key (copies of one record share it, and are one person)
            const personOf = new Map(graph.entities().persons.flatMap((p) => (p.sourceKeys ?? []).map((k) => [k.id, p.id] as const)));
            expect(out.map((r) => r.entity_id)).toEqual(records.map((r) => personOf.get(r.sourceKey.id)));
            expect(new Set(out.map((r) => r.entity_id)).size).toBe(graph.entities().persons.length);
            // references resolve as the graph resolves them (one entity, none, or several)
            await engine.query(`CREATE TABLE ${t}_refs (ref BIGINT, namespace VARCHAR, value VARCHAR)`);
            await engine.query(`INSERT INTO ${t}_refs VALUES ${refs.map((r, i) => `(${i}, ${lit(r.namespace)}, ${lit(r.value)})`).join(", ")}`);
            const input = { refs: `${t}_refs`, values: `${t}_values`, clusters: `${t}_out` };
            const resolved = await engine.query(`${resolveRefsSql(d, input)} ORDER BY ref`);
            expect(resolved.map((r) => r.entity_id ?? undefined)).toEqual(refs.map((r) => graph.personIdOf(r)));
            // the same answers, match counts included, from the chain of statements the load runs
            await resolveRefsInSql(engine.query, d, input, `${t}_resolved`);
            expect(await engine.query(`SELECT * FROM ${t}_resolved ORDER BY ref`)).toEqual(resolved);
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      await engine.close();
    }
  });
});

describe.each(ENGINES)("label propagation in %s", (name, open) => {
  it("follows a chain of 60 records to one entity and stops once no label changes", async () => {
    const engine = await open();
    const d = warehouseDialect(name);
    const config = resolveIdentityConfig({});
    try {
      await engine.query(
        `CREATE TABLE chain_records AS SELECT i AS record, 'marketo.lead' AS namespace, CAST(i AS VARCHAR) AS value FROM generate_series(0, 59) AS s(i)`,
      );
      // record i holds the emails of links i and i + 1, so the chain is connected only end to end
      await engine.query(
        `CREATE TABLE chain_identities AS SELECT i AS record, 'email' AS namespace, 'p' || CAST(i AS VARCHAR) || '@x.com' AS value FROM generate_series(0, 59) AS s(i) UNION ALL SELECT i, 'email', 'p' || CAST(i + 1 AS VARCHAR) || '@x.com' FROM generate_series(0, 58) AS s(i)`,
      );
      await engine.query(`CREATE TABLE chain_values AS ${identityValuesSql(d, config, "chain_records", "chain_identities")}`);
      const { rounds } = await clusterRecordsInSql(engine.query, d, config.persons, { records: "chain_records", values: "chain_values", output: "chain_out" });
      const ids = await engine.query(`SELECT DISTINCT entity_id FROM chain_out`);
      expect(ids).toEqual([{ entity_id: "marketo.lead:0" }]);
      // labels move at least one link a round: more than one round, at most one per link plus the round that changes nothing
      expect(rounds).toBeGreaterThan(1);
      expect(rounds).toBeLessThanOrEqual(61);
    } finally {
      await engine.close();
    }
  });
});
