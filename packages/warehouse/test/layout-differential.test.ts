import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { toSnapshot, type IdentityConfigInput, type Snapshot } from "@abm-kit/core";
import { loadExports, type ExportFile } from "@abm-kit/sources";
import { snapshotLayout } from "@abm-kit/audience-sql";
import { loadExportsIntoWarehouse } from "../src/index.js";
import { ENGINES, type TestEngine } from "./engines.js";
import { AS_OF, FIXTURES, MAPPED, SAMPLE, SAMPLE_IDENTITY, sampleDir } from "./layout-cases.js";

afterAll(() => rmSync(sampleDir, { recursive: true, force: true }));

const STATED = ["accountContactRelation", "contactAccount", "leadConvertedAccount", "marketoSfdcAccount"];

/** Each case: its files, the identity settings, and the link reasons its data must give (so the comparison covers them). */
const CASES: [string, ExportFile[], IdentityConfigInput, string[]][] = [
  ["the sources fixtures", FIXTURES, {}, STATED],
  ["the sources fixtures, linked by email domain", FIXTURES, { linkByEmailDomain: true }, [...STATED, "emailDomain"]],
  ["the bundled sample data", SAMPLE, SAMPLE_IDENTITY, [...STATED, "emailDomain"]],
  [
    "the fixtures and mapped files, with other merge policies",
    MAPPED,
    {
      linkByEmailDomain: true,
      persons: { fieldPolicies: { title: "mostRecent", Attended: "mostRecent" }, sourcePrecedence: ["webinar", "marketo", "salesforce"] },
      accounts: { defaultPolicy: "mostRecent", mergeOn: [{ namespace: "salesforce.account" }, { namespace: "crmx.account" }] },
    },
    [...STATED, "attendeeDomain", "emailDomain", "supplierDuns", "webinarCompany"],
  ],
];

/** Every row of a table, each as a JSON text with sorted keys, sorted. */
async function rowsOf(engine: TestEngine, table: string): Promise<string[]> {
  const rows = await engine.query(`SELECT * FROM ${table}`);
  return rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1))))).sort();
}

async function inMemory(files: ExportFile[], identity: IdentityConfigInput): Promise<Snapshot> {
  const { graph } = await loadExports(files, { identity });
  return toSnapshot(graph, { asOf: AS_OF });
}

describe.each(ENGINES)("persons, accounts and links loaded into %s", (name, open) => {
  it.each(CASES)("from %s equal what the Snapshot writer writes", async (_label, files, identity, reasons) => {
    const snapshot = await inMemory(files, identity);
    const [sql, memory] = [await open(), await open()];
    try {
      const result = await loadExportsIntoWarehouse(sql.target, files, { identity });
      await memory.writeSnapshot(snapshot);
      for (const table of ["persons", "accounts", "links"]) {
        const [got, want] = [await rowsOf(sql, table), await rowsOf(memory, table)];
        expect(got, `${name} ${table}`).toEqual(want);
        expect(want.length).toBeGreaterThan(0);
      }
      // every table's fields are those of the in-memory Snapshot; the event tables' (the events' properties) are
      // checked with their rows in whole-load-differential.test.ts
      const { personEvents: _p, accountEvents: _a, ...fields } = result.layout;
      const { personEvents: _mp, accountEvents: _ma, ...want } = snapshotLayout(snapshot);
      expect(fields).toEqual(want);
      const given = await memory.query("SELECT DISTINCT unnest(reasons) AS reason FROM links");
      expect(given.map((r) => r.reason).sort()).toEqual([...reasons].sort());
      expect({ persons: result.persons, accounts: result.accounts, links: result.links }).toEqual({
        persons: snapshot.persons.size,
        accounts: snapshot.accounts.size,
        links: snapshot.links.size,
      });
    } finally {
      await sql.close();
      await memory.close();
    }
  });
});
