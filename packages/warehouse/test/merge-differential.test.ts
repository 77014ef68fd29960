import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdentityGraph, resolveIdentityConfig, type IdentityConfigInput, type PersonSourceRecord } from "@abm-kit/core";
import { clusterRecordsInSql, identityValuesSql, mergeConsentSql, mergeFieldsSql, warehouseDialect } from "../src/index.js";
import { ENGINES } from "./engines.js";

const NAMESPACES = ["salesforce.contact", "marketo.lead", "partner.id"];
const SYSTEMS: Record<string, string[]> = { "salesforce.contact": ["salesforce"], "marketo.lead": ["marketo"], "partner.id": ["zeta", "acme"] };
const state = fc.constantFrom("granted", "denied", "unknown");
const person = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  systemPick: fc.nat(1),
  email: fc.constantFrom("a@x.com", "A@x.com ", "b@x.com"),
  firstName: fc.option(fc.constantFrom("Ann", "Bo", "", "Cy"), { nil: undefined }),
  title: fc.option(fc.constantFrom("CTO", "VP", ""), { nil: undefined }),
  updatedAt: fc.option(fc.constantFrom("2026-01-01T00:00:00.000Z", "2026-06-01T00:00:00.000Z", "2025-12-31T23:59:59.999Z"), { nil: undefined }),
  consent: fc.dictionary(fc.constantFrom("email", "phone"), state, { maxKeys: 2 }),
});
const CONFIGS: IdentityConfigInput[] = [
  { persons: { mergeOn: [{ namespace: "email" }] } },
  { persons: { mergeOn: [{ namespace: "email" }], sourcePrecedence: ["marketo", "salesforce"], fieldPolicies: { title: "mostRecent" } } },
];
const lit = (s: string | undefined) => (s === undefined ? "NULL" : `'${s.replaceAll("'", "''")}'`);

describe.each(ENGINES)("fields and consent merged in %s", (name, open) => {
  it.each(CONFIGS.map((c, i) => [i, c] as const))("equal the identity graph's merge (configuration %s)", async (_i, input) => {
    const engine = await open();
    const d = warehouseDialect(name);
    const config = resolveIdentityConfig(input);
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(person, { minLength: 1, maxLength: 8 }), async (people) => {
          const records: PersonSourceRecord[] = people.map((p, i) => {
            const system = SYSTEMS[p.namespace]![p.systemPick % SYSTEMS[p.namespace]!.length]!;
            const fields = Object.fromEntries(
              Object.entries({ email: p.email, firstName: p.firstName, title: p.title, updatedAt: p.updatedAt }).filter(([, v]) => v !== undefined),
            );
            return {
              key: { namespace: p.namespace, value: `r${i}` },
              sourceKey: { system, object: "Person", id: `r${i}` },
              person: { ...fields, ...(Object.keys(p.consent).length > 0 ? { consent: p.consent } : {}) },
            } as PersonSourceRecord;
          });
          const graph = new IdentityGraph(input);
          expect(graph.add({ persons: records }).problems).toEqual([]);
          const t = `m${run++}`;
          await engine.query(`CREATE TABLE ${t}_records (record BIGINT, namespace VARCHAR, value VARCHAR)`);
          await engine.query(`INSERT INTO ${t}_records VALUES ${records.map((r, i) => `(${i}, ${lit(r.key.namespace)}, ${lit(r.key.value)})`).join(", ")}`);
          await engine.query(
            `CREATE TABLE ${t}_identities AS SELECT record, 'email' AS namespace, email AS value FROM (VALUES ${records.map((r, i) => `(${i}, ${lit(r.person.email ?? undefined)})`).join(", ")}) AS v(record, email)`,
          );
          await engine.query(`CREATE TABLE ${t}_values AS ${identityValuesSql(d, config, `${t}_records`, `${t}_identities`)}`);
          await clusterRecordsInSql(engine.query, d, config.persons, { records: `${t}_records`, values: `${t}_values`, output: `${t}_ids` });
          await engine.query(
            `CREATE TABLE ${t}_candidates (record BIGINT, system VARCHAR, namespace VARCHAR, value VARCHAR, updated_at VARCHAR, "firstName" VARCHAR, title VARCHAR)`,
          );
          await engine.query(
            `INSERT INTO ${t}_candidates VALUES ${records.map((r, i) => `(${i}, ${lit(r.sourceKey.system)}, ${lit(r.key.namespace)}, ${lit(r.key.value)}, ${lit(r.person.updatedAt ?? undefined)}, ${lit(r.person.firstName ?? undefined)}, ${lit(r.person.title ?? undefined)})`).join(", ")}`,
          );
          const consentRows = records.flatMap((r, i) => Object.entries(r.person.consent ?? {}).map(([channel, s]) => `(${i}, ${lit(channel)}, ${lit(s)})`));
          await engine.query(`CREATE TABLE ${t}_consent (record BIGINT, channel VARCHAR, state VARCHAR)`);
          if (consentRows.length > 0) await engine.query(`INSERT INTO ${t}_consent VALUES ${consentRows.join(", ")}`);
          const merged = await engine.query(
            `${mergeFieldsSql(d, config.persons, { clusters: `${t}_ids`, candidates: `${t}_candidates`, fields: ["firstName", "title"] })} ORDER BY 1`,
          );
          const consent = await engine.query(`${mergeConsentSql(d, `${t}_ids`, `${t}_consent`)} ORDER BY 1, 2`);
          const got = merged.map((m) => {
            const channels = consent.filter((c) => c.entity_id === m.entity_id);
            return {
              id: m.entity_id,
              firstName: m.firstName ?? undefined,
              title: m.title ?? undefined,
              consent: channels.length > 0 ? Object.fromEntries(channels.map((c) => [c.channel, c.state])) : undefined,
            };
          });
          const want = graph.entities().persons.map((p) => ({ id: p.id, firstName: p.firstName, title: p.title, consent: p.consent }));
          const byId = (a: { id: unknown }, b: { id: unknown }) => (String(a.id) < String(b.id) ? -1 : 1);
          expect(got.sort(byId)).toEqual(want.sort(byId));
        }),
        { numRuns: 40 },
      );
    } finally {
      await engine.close();
    }
  });
});
