import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { resolveIdentityConfig } from "@abm-kit/core";
import { loadExports, marketoSpec, salesforceSpec, type ExportFile } from "@abm-kit/sources";
import {
  marketoEventsSql,
  resolveRefsSql,
  clusterRecordsInSql,
  identityValuesSql,
  mergeConsentSql,
  mergeFieldsSql,
  personCandidatesSql,
  personKeysSql,
  PERSON_FIELDS,
  warehouseDialect,
  type StagedPersonTable,
} from "../src/index.js";
import { ENGINES } from "./engines.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../sources/test/fixtures/${name}`, import.meta.url));

const FILES = [
  {
    path: fixture("salesforce/Contact.csv"),
    table: "sf_contacts",
    source: "salesforce:Contact",
    spec: salesforceSpec("Contact"),
    file: { source: "salesforce", object: "Contact" },
  },
  {
    path: fixture("salesforce/Lead.csv"),
    table: "sf_leads",
    source: "salesforce:Lead",
    spec: salesforceSpec("Lead"),
    file: { source: "salesforce", object: "Lead" },
  },
  { path: fixture("marketo/leads.csv"), table: "mk_leads", source: "marketo:leads", spec: marketoSpec("leads"), file: { source: "marketo", export: "leads" } },
] as const;

describe.each(ENGINES)("person exports loaded and unified in %s", (name, open) => {
  it("give every source record the unified person id loadExports gives it", async () => {
    const { graph } = await loadExports(FILES.map((f) => ({ ...f.file, path: f.path }) as ExportFile));
    const personOf = new Map(graph.entities().persons.flatMap((p) => (p.sourceKeys ?? []).map((k) => [`${k.system}/${k.object}/${k.id}`, p.id] as const)));
    const engine = await open();
    const d = warehouseDialect(name);
    const config = resolveIdentityConfig({});
    try {
      for (const f of FILES) await engine.stage({ path: f.path, spec: f.spec, table: f.table });
      for (const sql of personKeysSql(
        d,
        FILES.map((f): StagedPersonTable => ({ table: f.table, source: f.source })),
        "p_",
      ))
        await engine.query(sql);
      await engine.query(`CREATE TABLE p_values AS ${identityValuesSql(d, config, "p_records", "p_identities")}`);
      await clusterRecordsInSql(engine.query, d, config.persons, { records: "p_records", values: "p_values", output: "p_ids" });
      const rows = await engine.query(`SELECT r.system, r.object, r.value, k.entity_id FROM p_records r JOIN p_ids k ON k.record = r.record ORDER BY r.record`);
      expect(rows.length).toBe(personOf.size);
      expect(rows.map((r) => [`${r.system}/${r.object}/${r.value}`, r.entity_id])).toEqual(
        rows.map((r) => [`${r.system}/${r.object}/${r.value}`, personOf.get(`${r.system}/${r.object}/${r.value}`)]),
      );
      expect(new Set(rows.map((r) => r.entity_id)).size).toBe(graph.entities().persons.length);
      // merged fields and consent of every unified person
      for (const sql of personCandidatesSql(
        d,
        FILES.map((f): StagedPersonTable => ({ table: f.table, source: f.source })),
        "p_",
      ))
        await engine.query(sql);
      const merged = await engine.query(
        `${mergeFieldsSql(d, config.persons, { clusters: "p_ids", candidates: "p_candidates", fields: PERSON_FIELDS })} ORDER BY 1`,
      );
      const consent = await engine.query(`${mergeConsentSql(d, "p_ids", "p_consent")} ORDER BY 1, 2`);
      const got = merged.map((m) => {
        const channels = consent.filter((c) => c.entity_id === m.entity_id);
        const fields = Object.fromEntries(PERSON_FIELDS.filter((f) => m[f] !== null && m[f] !== undefined).map((f) => [f, m[f]]));
        return { id: m.entity_id, ...fields, ...(channels.length > 0 ? { consent: Object.fromEntries(channels.map((c) => [c.channel, c.state])) } : {}) };
      });
      const want = graph.entities().persons.map((p) => {
        const fields = Object.fromEntries(PERSON_FIELDS.filter((f) => p[f] !== undefined).map((f) => [f, p[f]]));
        return { id: p.id, ...fields, ...(p.consent ? { consent: p.consent } : {}) };
      });
      expect(got).toEqual([...want].sort((a, b) => (a.id < b.id ? -1 : 1)));
      // Marketo activities re-pointed to the unified persons
      await engine.stage({ path: fixture("marketo/activities.csv"), spec: marketoSpec("activities"), table: "mk_activities" });
      for (const sql of marketoEventsSql(d, "mk_activities", "e_")) await engine.query(sql);
      await engine.query(`CREATE TABLE e_owner_ids AS ${resolveRefsSql(d, { refs: "e_owner_refs", values: "p_values", clusters: "p_ids" })}`);
      const events = await engine.query(
        `SELECT e.id, e.type, e.occurred_at, o.entity_id FROM e_events e JOIN e_owner_ids o ON o.ref = e.ref WHERE o.entity_id IS NOT NULL ORDER BY e.id`,
      );
      const { graph: withEvents } = await loadExports([
        ...FILES.map((f) => ({ ...f.file, path: f.path }) as ExportFile),
        { source: "marketo", export: "activities", path: fixture("marketo/activities.csv") },
      ]);
      const wantEvents = withEvents
        .entities()
        .events.map((e) => ({ id: e.id, type: e.type, occurred_at: e.occurredAt, entity_id: e.personId }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(events).toEqual(wantEvents);
      expect(wantEvents.length).toBeGreaterThan(0);
      // the fixtures merge records across files (a Marketo lead and its contact, a converted lead)
      expect(graph.entities().persons.length).toBeLessThan(rows.length);
    } finally {
      await engine.close();
    }
  });
});
