import { AbmKitError, type IdentityGraph } from "@abm-kit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FIRMOGRAPHICS_MAPPING,
  INTENT_MAPPING,
  MARKETO_EXPORTS,
  SALESFORCE_OBJECTS,
  TECHNOGRAPHICS_MAPPING,
  loadExports,
  readCsv,
  readMappedCsv,
  readMappedJson,
  readMarketoCsv,
  readMarketoJson,
  readPartnerCsv,
  readSalesforceCsv,
  readSalesforceJson,
  readSalesforceProducts,
  type ExportFile,
  type FileReport,
  type SourceResult,
} from "../src/index.js";
import { createFileReport } from "../src/internal/index.js";
import { exportFileOf } from "./support/export-arbitraries.js";
import { tempFiles } from "./support/temp-files.js";

const files = tempFiles();
/** Runs per property; `FUZZ_RUNS=2000 FUZZ_SEED=<seed> npx vitest run --project sources test/fuzz.test.ts` for a longer or replayed campaign. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
/** Long campaigns take longer than the default 60 s per test. */
const TIMEOUT = Math.max(60_000, RUNS * 1_000);
const SEED = process.env.FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FUZZ_SEED) };

/** A report is whole: every record counted once, every problem placed and coded. */
function expectSoundReport(report: FileReport): void {
  expect(report.read).toBe(report.loaded + report.rejected);
  for (const n of [report.read, report.loaded, report.rejected]) expect(Number.isInteger(n) && n >= 0).toBe(true);
  for (const p of report.problems) {
    expect(typeof p.message).toBe("string");
    expect(typeof p.code).toBe("string");
    expect(["error", "warning"]).toContain(p.severity);
    if (p.line !== undefined) expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
    if (p.record !== undefined) expect(Number.isInteger(p.record) && p.record >= 1).toBe(true);
  }
}

/**
 * The records the identity graph refused when they were added (a record that
 * does not pass its schema; it has an index in its batch part). References
 * that resolve to no account or to several are outcomes of unification, not refusals.
 */
const rejectedOnAdd = (graph: IdentityGraph) => graph.report.problems.filter((p) => p.severity === "error" && p.index !== undefined);

/** Runs a call: it returns (then its reports are sound) or throws a typed abm-kit error, never a raw one. */
async function settles(call: () => Promise<unknown>): Promise<"ok" | "typed"> {
  let result: unknown;
  try {
    result = await call();
  } catch (error) {
    if (!(error instanceof AbmKitError)) throw new Error(`raw error escaped: ${String(error)}`, { cause: error });
    expect(error.problems.length).toBeGreaterThan(0);
    return "typed";
  }
  const reports = (result as { reports?: FileReport[] }).reports ?? [(result as Partial<SourceResult>).report];
  for (const r of reports) if (r !== undefined) expectSoundReport(r);
  return "ok";
}

// ---------------------------------------------------------------------------------------------
// file contents in the exporters' shapes, broken in every way

const PROTO_NAMES = ["constructor", "toString", "__proto__", "valueOf", "hasOwnProperty"];
const COLUMNS = [
  ...[
    "Id",
    "Name",
    "AccountId",
    "ContactId",
    "LastName",
    "Email",
    "Website",
    "HasOptedOutOfEmail",
    "CreatedDate",
    "Amount",
    "CloseDate",
    "Roles",
    "Product2Id",
    "Product2.Name",
    "Tier__c",
  ],
  ...[
    "id",
    "email",
    "leadId",
    "marketoGUID",
    "activityDate",
    "activityTypeId",
    "attributes",
    "sfdcAccountId",
    "unsubscribed",
    "company",
    "externalOpportunityId",
  ],
  ...["domain", "duns", "topic", "score", "observedAt", "technology"],
  ...PROTO_NAMES,
  "",
  " Id ",
];
const CELLS = [
  "001Hs00001AcmeAIAR",
  "003Hs00002JaneD",
  "1001",
  "jane@acme.com",
  "true",
  "0",
  "2026-11-01",
  "2026-02-30",
  "2026-11-10T14:00:00Z",
  "2026-11-10T14:00:00",
  "acme.com",
  "85",
  "-1e400",
  "NaN",
  "a;b;c",
  '{"Webpage URL":"/x"}',
  '[{"name":"Form Fields","value":{"a":1}}]',
  "[[[[[[1]]]]]]",
  "\uFFFD",
  "😀",
  "",
];
const cell = fc.oneof(
  fc.constantFrom(...CELLS),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: fc.constantFrom('"', ",", "\n", "\r", " ", "a", "\uFEFF"), maxLength: 6 }),
);
const csvText = fc
  .tuple(
    fc.array(fc.constantFrom(...COLUMNS), { minLength: 1, maxLength: 8 }),
    fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 8 }),
    fc.constantFrom("\n", "\r\n", "\r"),
    fc.boolean(),
  )
  .map(([header, rows, eol, bom]) => (bom ? "\uFEFF" : "") + [header.join(","), ...rows.map((r) => r.join(","))].join(eol));
const csvBytes = fc.oneof(
  { weight: 4, arbitrary: csvText.map((t) => Buffer.from(t)) },
  // invalid UTF-8 spliced in, or plain noise
  {
    weight: 1,
    arbitrary: fc.tuple(csvText, fc.uint8Array({ minLength: 1, maxLength: 4 }), fc.nat()).map(([t, junk, at]) => {
      const b = Buffer.from(t);
      const i = b.length === 0 ? 0 : at % b.length;
      return Buffer.concat([b.subarray(0, i), Buffer.from(junk.map((x) => x | 0x80)), b.subarray(i)]);
    }),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
);

const jsonCell = fc.oneof(fc.constantFrom<unknown>(...CELLS, null, 1, true, [], {}), fc.jsonValue({ maxDepth: 3 }));
const jsonRecord = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.dictionary(fc.constantFrom(...COLUMNS), jsonCell, { maxKeys: 8 }).map((r) => ({ attributes: { type: "Contact", url: "/x" }, ...r })),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
/** Deep nesting as text (too deep to build with JSON.stringify). */
const deepJson = fc
  .tuple(fc.integer({ min: 30, max: 40_000 }), fc.constantFrom("[", '{"a":'))
  .map(([n, open]) => `${open.repeat(n)}1${(open === "[" ? "]" : "}").repeat(n)}`);
const jsonText = fc.oneof(
  { weight: 3, arbitrary: fc.array(jsonRecord, { maxLength: 6 }).map((records) => JSON.stringify({ totalSize: records.length, done: true, records })) },
  { weight: 2, arbitrary: fc.array(jsonRecord, { maxLength: 6 }).map((result) => JSON.stringify({ requestId: "1#2", success: true, result })) },
  { weight: 2, arbitrary: fc.array(jsonRecord, { maxLength: 6 }).map((records) => JSON.stringify(records)) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.array(jsonRecord, { maxLength: 3 }), deepJson).map(([records, deep]) =>
      JSON.stringify({ done: true, records, result: records })
        .replace(/"records":\[/, `"records":[{"Id":"001Hs00001AcmeAIAR","X":${deep}},`)
        .replace(/"result":\[/, `"result":[{"id":1,"X":${deep}},`),
    ),
  },
  { weight: 1, arbitrary: deepJson },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const jsonBytes = fc.oneof(
  { weight: 5, arbitrary: jsonText.map((t) => Buffer.from(t)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(jsonText, fc.uint8Array({ minLength: 1, maxLength: 3 }))
      .map(([t, junk]) => Buffer.concat([Buffer.from(t.slice(0, t.length >> 1)), Buffer.from(junk.map((x) => x | 0x80)), Buffer.from(t.slice(t.length >> 1))])),
  },
);

const MAPPINGS = {
  person: {
    entity: "person" as const,
    system: "webinar",
    idColumn: "id",
    fields: { email: { field: "email", type: "string" as const }, constructor: { field: "title", type: "string" as const } },
    identities: [{ column: "ContactId", namespace: "salesforce.contact" }],
    account: { column: "AccountId", namespace: "salesforce.account" },
  },
  account: {
    entity: "account" as const,
    system: "crm",
    idColumn: "Id",
    fields: { Website: { field: "domain", type: "string" as const }, Amount: { field: "annualRevenue", type: "number" as const } },
  },
  event: {
    entity: "event" as const,
    system: "web",
    idColumn: "id",
    owner: { column: "email", namespace: "email" },
    eventType: { column: "topic" },
    occurredAtColumn: "activityDate",
  },
};
const PARTNERS = [INTENT_MAPPING, TECHNOGRAPHICS_MAPPING, FIRMOGRAPHICS_MAPPING];

describe("fuzz: malformed file contents never escape as raw errors, and every report adds up", () => {
  it(
    "CSV readers",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          csvBytes,
          fc.constantFrom(...SALESFORCE_OBJECTS),
          fc.constantFrom(...MARKETO_EXPORTS),
          fc.constantFrom(...PARTNERS),
          fc.constantFrom(...Object.values(MAPPINGS)),
          async (bytes, object, kind, partner, mapping) => {
            const path = files.write("export.csv", bytes);
            expect(await settles(() => readSalesforceCsv(object, { path }))).toBe("ok");
            expect(await settles(() => readSalesforceProducts({ path }))).toBe("ok");
            expect(await settles(() => readMarketoCsv(kind, { path }))).toBe("ok");
            expect(await settles(() => readPartnerCsv({ path }, partner))).toBe("ok");
            expect(await settles(() => readMappedCsv({ path }, mapping))).toBe("ok");
            const report = createFileReport("export.csv", "csv");
            const { rows } = await readCsv({ path }, report);
            expect(rows.every((r) => Object.getPrototypeOf(r.values) === null)).toBe(true);
          },
        ),
        { numRuns: RUNS, ...SEED },
      );
    },
    TIMEOUT,
  );

  it(
    "JSON readers",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          jsonBytes,
          fc.constantFrom(...SALESFORCE_OBJECTS),
          fc.constantFrom(...MARKETO_EXPORTS),
          fc.constantFrom(...Object.values(MAPPINGS)),
          async (bytes, object, kind, mapping) => {
            const path = files.write("export.json", bytes);
            expect(await settles(() => readSalesforceJson(object, { path }))).toBe("ok");
            expect(await settles(() => readSalesforceProducts({ path }))).toBe("ok");
            expect(await settles(() => readMarketoJson(kind, { path }))).toBe("ok");
            expect(await settles(() => readMappedJson({ path }, mapping))).toBe("ok");
          },
        ),
        { numRuns: RUNS, ...SEED },
      );
    },
    TIMEOUT,
  );

  it(
    "loadExports over a mix of broken files: every report adds up, and the graph takes every record a report counts as loaded",
    async () => {
      const file = fc.oneof(
        fc
          .tuple(csvBytes, fc.constantFrom(...SALESFORCE_OBJECTS))
          .map(([bytes, object]) => ({ source: "salesforce", object, path: files.write(`${object}.csv`, bytes) }) as ExportFile),
        fc
          .tuple(jsonBytes, fc.constantFrom(...SALESFORCE_OBJECTS))
          .map(([bytes, object]) => ({ source: "salesforce", object, path: files.write(`${object}.json`, bytes) }) as ExportFile),
        fc
          .tuple(csvBytes, fc.constantFrom(...MARKETO_EXPORTS))
          .map(([bytes, kind]) => ({ source: "marketo", export: kind, path: files.write(`${kind}.csv`, bytes) }) as ExportFile),
        fc
          .tuple(jsonBytes, fc.constantFrom(...MARKETO_EXPORTS))
          .map(([bytes, kind]) => ({ source: "marketo", export: kind, path: files.write(`${kind}.json`, bytes) }) as ExportFile),
        fc
          .tuple(csvBytes, fc.constantFrom(...PARTNERS))
          .map(([bytes, mapping]) => ({ source: "partner", mapping, path: files.write("partner.csv", bytes) }) as ExportFile),
        fc
          .tuple(csvBytes, fc.constantFrom(...Object.values(MAPPINGS)))
          .map(([bytes, mapping]) => ({ source: "mapped", mapping, path: files.write("mapped.csv", bytes) }) as ExportFile),
        fc
          .tuple(jsonBytes, fc.constantFrom(...Object.values(MAPPINGS)))
          .map(([bytes, mapping]) => ({ source: "mapped", mapping, path: files.write("mapped.json", bytes) }) as ExportFile),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(file, { maxLength: 5 }), async (exportFiles) => {
          const { graph, reports } = await loadExports(exportFiles);
          expect(reports).toHaveLength(exportFiles.length);
          for (const r of reports) expectSoundReport(r);
          // a record the graph refuses would be counted as loaded by its file's report: none may be
          expect(rejectedOnAdd(graph)).toEqual([]);
        }),
        { numRuns: RUNS, ...SEED },
      );
    },
    TIMEOUT,
  );
});

describe("fuzz: export files in the exporters' shapes, mostly right and sometimes wrong", () => {
  it(
    "loadExports: every report adds up, and the identity graph takes every record a report counts as loaded",
    async () => {
      let loaded = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            exportFileOf((name, content) => files.write(name, content)),
            { minLength: 1, maxLength: 6 },
          ),
          async (exportFiles) => {
            const { graph, reports } = await loadExports(exportFiles);
            for (const r of reports) expectSoundReport(r);
            loaded += reports.reduce((n, r) => n + r.loaded, 0);
            expect(rejectedOnAdd(graph)).toEqual([]);
          },
        ),
        { numRuns: RUNS, ...SEED },
      );
      // the generators make files whose records mostly load: the property is not vacuous
      expect(loaded).toBeGreaterThan(RUNS * 3);
    },
    TIMEOUT,
  );
});

describe("fuzz: arguments of any shape are read or refused with a typed error, never a raw one", () => {
  const path = files.write("Account.csv", "Id,Name,Tier__c\n001Hs00001AcmeAIAR,Acme,Gold\n");
  const jsonPath = files.write("leads.json", '{"result":[{"id":1001,"email":"jane@acme.com"}]}');
  const anyInput = fc.oneof(
    fc.constant({ path }),
    fc.record({ path: fc.anything(), name: fc.anything() }, { requiredKeys: [] }),
    fc.record({ text: fc.anything(), name: fc.anything() }, { requiredKeys: [] }),
    fc.anything(),
  );
  const anyFieldTypes = fc.oneof(
    fc.dictionary(
      fc.constantFrom("Tier__c", "Name", ...PROTO_NAMES),
      fc.oneof(fc.constantFrom("string", "number", "boolean", "date", "instant", "multi"), fc.anything()),
    ),
    fc.anything(),
  );
  const anyOptions = fc.oneof(
    fc.record(
      {
        instance: fc.oneof(fc.string(), fc.anything()),
        name: fc.oneof(fc.string(), fc.anything()),
        fieldTypes: anyFieldTypes,
        consentColumns: fc.oneof(
          fc.dictionary(fc.constantFrom("Tier__c", ...PROTO_NAMES), fc.record({ channel: fc.anything(), optOutWhen: fc.anything() }, { requiredKeys: [] })),
          fc.anything(),
        ),
        products: fc.oneof(fc.constant(new Map([["01tHs00000ProdAIAR", { name: "x" }]])), fc.anything()),
        ownedProductsTable: fc.anything(),
        activityTypes: fc.oneof(fc.dictionary(fc.string(), fc.anything()), fc.anything()),
      },
      { requiredKeys: [] },
    ),
    fc.anything(),
  );
  const anyMapping = fc.oneof(
    fc.constantFrom<unknown>(...Object.values(MAPPINGS), ...PARTNERS),
    fc
      .constantFrom(...([...Object.values(MAPPINGS), ...PARTNERS] as unknown as Record<string, unknown>[]))
      .chain((m) => fc.record(Object.fromEntries(Object.keys(m).map((k) => [k, fc.oneof(fc.constant(m[k]), fc.anything())])), { requiredKeys: [] })),
    fc.anything(),
  );

  it(
    "every reader",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.constantFrom<unknown>(...SALESFORCE_OBJECTS, ...MARKETO_EXPORTS), fc.anything()),
          anyInput,
          anyOptions,
          anyMapping,
          async (what, input, options, mapping) => {
            const i = input as never;
            const o = options as never;
            const m = mapping as never;
            for (const call of [
              () => readSalesforceCsv(what as never, i, o),
              () => readSalesforceJson(what as never, i, o),
              () => readSalesforceProducts(i, o),
              () => readMarketoCsv(what as never, i, o),
              () => readMarketoJson(what as never, { path: jsonPath }, o),
              () => readPartnerCsv(i, m, o),
              () => readMappedCsv(i, m, o),
              () => readMappedJson({ path: jsonPath }, m, o),
            ]) {
              await settles(call);
            }
            const report = (options ?? createFileReport("x", "y")) as FileReport;
            if ((await settles(() => readCsv(i, report))) === "ok") expectSoundReport(report);
          },
        ),
        { numRuns: RUNS * 3, ...SEED },
      );
    },
    TIMEOUT,
  );

  it(
    "loadExports",
    async () => {
      const anyFile = fc.oneof(
        fc.record(
          {
            source: fc.constantFrom("salesforce", "marketo", "partner", "mapped", "hubspot"),
            object: fc.oneof(fc.constantFrom(...SALESFORCE_OBJECTS), fc.anything()),
            export: fc.oneof(fc.constantFrom(...MARKETO_EXPORTS), fc.anything()),
            mapping: anyMapping,
            options: anyOptions,
            path: fc.oneof(fc.constant(path), fc.anything()),
            text: fc.anything(),
            name: fc.anything(),
          },
          { requiredKeys: ["source"] },
        ),
        fc.anything(),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.array(anyFile, { maxLength: 4 }), fc.anything()),
          fc.oneof(fc.record({ graph: fc.anything(), identity: fc.anything() }, { requiredKeys: [] }), fc.anything()),
          async (list, options) => {
            await settles(() => loadExports(list as never, options as never));
          },
        ),
        { numRuns: RUNS * 3, ...SEED },
      );
    },
    TIMEOUT,
  );
});
