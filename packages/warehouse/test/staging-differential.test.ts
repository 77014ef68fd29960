import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { AttributeValue } from "@abm-kit/core";
import {
  FIRMOGRAPHICS_MAPPING,
  INTENT_MAPPING,
  TECHNOGRAPHICS_MAPPING,
  marketoSpec,
  partnerSpec,
  readCsv,
  salesforceSpec,
  SALESFORCE_OBJECTS,
  type ObjectSpec,
} from "@abm-kit/sources";
import { createFileReport, mapRows } from "@abm-kit/sources/internal";
import { WarehouseLoadError } from "../src/index.js";
import { ENGINES } from "./engines.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../sources/test/fixtures/${name}`, import.meta.url));
const example = (name: string) => fileURLToPath(new URL(`../../../examples/data/${name}`, import.meta.url));

const FILES: { path: string; spec: ObjectSpec }[] = [
  ...SALESFORCE_OBJECTS.map((object) => ({ path: fixture(`salesforce/${object}.csv`), spec: salesforceSpec(object) })),
  // the sample Contact.csv holds a malformed record on purpose: see the test below
  ...SALESFORCE_OBJECTS.filter((o) => o !== "Asset" && o !== "Contact").map((object) => ({
    path: example(`salesforce/${object}.csv`),
    spec: salesforceSpec(object),
  })),
  { path: fixture("salesforce/Asset-export.csv"), spec: salesforceSpec("Asset") },
  ...(["leads", "activities", "companies", "opportunities"] as const).map((e) => ({ path: fixture(`marketo/${e}.csv`), spec: marketoSpec(e) })),
  { path: fixture("partner/intent.csv"), spec: partnerSpec(INTENT_MAPPING) },
  { path: fixture("partner/technographics.csv"), spec: partnerSpec(TECHNOGRAPHICS_MAPPING) },
  { path: fixture("partner/firmographics.csv"), spec: partnerSpec(FIRMOGRAPHICS_MAPPING) },
];

/** What the in-memory reader makes of a file's standard columns: each loaded record's values, and the problems. */
async function inMemory(path: string, spec: ObjectSpec) {
  const report = createFileReport("file.csv", spec.kind);
  const { header, rows } = await readCsv({ path }, report);
  const values: Record<string, AttributeValue | undefined>[] = [];
  mapRows(rows, header, { ...spec, map: (input) => (values.push({ ...input.values }), {}) }, report);
  const problems = report.problems.map((p) => ({ line: p.line, field: p.field, severity: p.severity, code: p.code, message: p.message }));
  return { report, values, problems };
}

/** A typed SQL value as the readers hold it (numbers as numbers, lists as arrays). */
const normal = (v: unknown): unknown => (v === null || v === undefined ? undefined : typeof v === "string" && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(v) ? v : v);

describe.each(ENGINES)("files staged in %s read as the in-memory readers read them", (_name, open) => {
  it.each(FILES.map((f) => [f.path.split("/").slice(-2).join("/"), f] as const))("%s", async (_label, { path, spec }) => {
    const expected = await inMemory(path, spec);
    const engine = await open();
    try {
      const staged = await engine.stage({ path, spec, table: "staged", file: "file.csv" });
      expect({ read: staged.read, loaded: staged.loaded, rejected: staged.rejected }).toEqual({
        read: expected.report.read,
        loaded: expected.report.loaded,
        rejected: expected.report.rejected,
      });
      const problems = await engine.query(`SELECT line, field, severity, code, message FROM load_problems ORDER BY line, field, code`);
      const sort = <T extends { line?: number | undefined; field?: string | undefined; code: string }>(list: T[]) =>
        [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.field ?? "").localeCompare(b.field ?? "") || a.code.localeCompare(b.code));
      expect(
        problems.map((p) => ({ line: Number(p.line), field: p.field as string, severity: p.severity, code: p.code as string, message: p.message })),
      ).toEqual(sort(expected.problems));
      const columns = Object.keys(spec.columns);
      const rows = await engine.query(`SELECT * FROM staged ORDER BY _record`);
      const got = rows.map((row) =>
        Object.fromEntries(
          columns.map((c) => [
            c,
            row[c] === null || row[c] === undefined
              ? undefined
              : typeof row[c] === "string" && spec.columns[c] !== "string" && ["number", "integer"].includes(spec.columns[c]!)
                ? Number(row[c])
                : row[c],
          ]),
        ),
      );
      const want = expected.values.map((v) => Object.fromEntries(columns.map((c) => [c, normal(v[c])])));
      expect(got).toEqual(want);
    } finally {
      await engine.close();
    }
  });
});

describe.each(ENGINES)("a malformed CSV file in %s", (name, open) => {
  it("with a missing or extra field is refused with a WarehouseLoadError (the in-memory readers skip the record instead)", async () => {
    const engine = await open();
    try {
      await expect(engine.stage({ path: fixture("bad/Opportunity-bad.csv"), spec: salesforceSpec("Opportunity"), table: "staged" })).rejects.toSatisfy(
        (e) => e instanceof WarehouseLoadError && e.code === "WAREHOUSE_LOAD_FAILED",
      );
    } finally {
      await engine.close();
    }
  });

  it("with a quote inside an unquoted value: PostgreSQL refuses the file, DuckDB keeps the quote as text (the in-memory readers reject the record)", async () => {
    const engine = await open();
    try {
      const staging = engine.stage({ path: example("salesforce/Contact.csv"), spec: salesforceSpec("Contact"), table: "staged" });
      if (name === "postgres") {
        await expect(staging).rejects.toSatisfy((e) => e instanceof WarehouseLoadError);
        return;
      }
      expect((await staging).rejected).toBe(0);
      const rows = await engine.query(`SELECT "LastName" FROM staged WHERE "FirstName" = 'Broken'`);
      expect(rows).toEqual([{ LastName: 'Quo"te' }]);
    } finally {
      await engine.close();
    }
  });
});

describe.each(ENGINES)("line breaks inside quoted values in %s", (_name, open) => {
  it("are read as \\n whether the file writes LF, CRLF or a lone CR, as the in-memory readers read them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "abm-kit-wh-breaks-"));
    const path = join(dir, "Contact.csv");
    writeFileSync(path, 'Id,Title,Notes__c\r\n003000000000001AAA,"VP\r\nMarketing","one\rtwo\nthree"\r\n003000000000002AAA,"CMO",plain\r\n');
    const spec = salesforceSpec("Contact");
    const engine = await open();
    try {
      const expected = await inMemory(path, spec);
      await engine.stage({ path, spec, table: "staged", file: "file.csv" });
      const rows = await engine.query(`SELECT "Title", "Notes__c" FROM staged ORDER BY _record`);
      expect(rows).toEqual([
        { Title: "VP\nMarketing", Notes__c: "one\ntwo\nthree" },
        { Title: "CMO", Notes__c: "plain" },
      ]);
      expect(expected.values.map((v) => v.Title)).toEqual(["VP\nMarketing", "CMO"]);
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
