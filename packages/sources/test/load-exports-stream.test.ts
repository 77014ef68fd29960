import { fileURLToPath } from "node:url";
import { statSync } from "node:fs";
import { IdentityGraph, type IdentityBatch } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import {
  INTENT_MAPPING,
  loadExports,
  marketoSpec,
  salesforceSpec,
  readMarketoCsv,
  readPartnerCsv,
  readSalesforceCsv,
  type ExportFile,
  type LoadProgress,
} from "../src/index.js";
import { createFileReport } from "../src/read/file-report.js";
import { streamMappedCsv } from "../src/read/stream-mapped-csv.js";

const path = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const sf = (object: Extract<ExportFile, { source: "salesforce" }>["object"], file = `${object}.csv`): ExportFile => ({
  source: "salesforce",
  object,
  path: path(`salesforce/${file}`),
});
const FILES: ExportFile[] = [
  sf("Account"),
  sf("Contact"),
  sf("Lead"),
  { source: "marketo", export: "leads", path: path("marketo/leads.csv") },
  { source: "marketo", export: "activities", path: path("marketo/activities.csv") },
  { source: "partner", mapping: INTENT_MAPPING, path: path("partner/intent.csv") },
  { source: "salesforce", object: "Contact", path: path("bad/Contact-broken.csv") },
  { source: "salesforce", object: "Opportunity", path: path("bad/Opportunity-bad.csv") },
];

describe("loadExports streams CSV files", () => {
  it("reads chunk by chunk into the same records and the same reports as reading each file whole", async () => {
    const cases = [
      {
        read: () => readSalesforceCsv("Contact", { path: path("salesforce/Contact.csv") }),
        spec: salesforceSpec("Contact"),
        file: path("salesforce/Contact.csv"),
      },
      {
        read: () => readSalesforceCsv("Contact", { path: path("bad/Contact-broken.csv") }),
        spec: salesforceSpec("Contact"),
        file: path("bad/Contact-broken.csv"),
      },
      {
        read: () => readSalesforceCsv("Opportunity", { path: path("bad/Opportunity-bad.csv") }),
        spec: salesforceSpec("Opportunity"),
        file: path("bad/Opportunity-bad.csv"),
      },
      { read: () => readMarketoCsv("leads", { path: path("marketo/leads.csv") }), spec: marketoSpec("leads"), file: path("marketo/leads.csv") },
      {
        read: () => readMarketoCsv("activities", { path: path("marketo/activities.csv") }),
        spec: marketoSpec("activities"),
        file: path("marketo/activities.csv"),
      },
    ];
    for (const c of cases) {
      const whole = await c.read();
      for (const chunkRows of [1, 2, 1000]) {
        const report = createFileReport(whole.report.file, whole.report.kind);
        const merged: Record<string, unknown[]> = {};
        let fields: IdentityBatch["fields"];
        await streamMappedCsv(
          { path: c.file },
          c.spec,
          report,
          {},
          (batch) => {
            for (const [part, records] of Object.entries(batch)) {
              if (part === "fields") fields = batch.fields;
              else (merged[part] ??= []).push(...(records as unknown[]));
            }
          },
          { chunkRows },
        );
        expect(report).toEqual(whole.report);
        expect({ ...merged, ...(fields ? { fields } : {}) }).toEqual(
          Object.fromEntries(Object.entries(whole.batch).filter(([, v]) => !Array.isArray(v) || v.length > 0)),
        );
      }
    }
  });

  it("builds the same graph and reports as adding each reader's batch", async () => {
    const streamed = await loadExports(FILES);
    const graph = new IdentityGraph();
    const reports = [];
    for (const file of FILES) {
      const result =
        file.source === "salesforce"
          ? await readSalesforceCsv(file.object, file)
          : file.source === "marketo"
            ? await readMarketoCsv(file.export, file)
            : await readPartnerCsv(file, INTENT_MAPPING);
      graph.add(result.batch);
      reports.push(result.report);
    }
    expect(streamed.reports).toEqual(reports);
    expect(streamed.graph.entities()).toEqual(graph.entities());
    expect(streamed.graph.report).toEqual(graph.report);
  });

  it("reports progress per file: reading with bytes and records, read with the file's size, then done", async () => {
    const events: LoadProgress[] = [];
    const { reports } = await loadExports(FILES, { onProgress: (p) => events.push(p) });
    expect(events.at(-1)).toEqual({ phase: "done", fileIndex: FILES.length, fileCount: FILES.length, bytes: 0, rows: 0 });
    FILES.forEach((file, i) => {
      const mine = events.filter((e) => e.fileIndex === i);
      const size = statSync((file as { path: string }).path).size;
      expect(mine[0]).toMatchObject({ phase: "reading", file: reports[i]!.file, bytes: 0, rows: 0, totalBytes: size, fileCount: FILES.length });
      expect(mine.at(-1)).toEqual({
        phase: "read",
        file: reports[i]!.file,
        fileIndex: i,
        fileCount: FILES.length,
        bytes: size,
        totalBytes: size,
        rows: reports[i]!.read,
      });
      const reading = mine.filter((e) => e.phase === "reading");
      expect(reading.at(-1)!.bytes).toBe(size);
      for (let k = 1; k < reading.length; k++) expect(reading[k]!.bytes).toBeGreaterThanOrEqual(reading[k - 1]!.bytes);
    });
  });

  it("stops when its signal is aborted, before or during a file", async () => {
    const before = new AbortController();
    before.abort(new Error("stopped by the user"));
    await expect(loadExports(FILES, { signal: before.signal })).rejects.toThrow("stopped by the user");

    const during = new AbortController();
    const seen: LoadProgress[] = [];
    const graph = new IdentityGraph();
    const load = loadExports(FILES, {
      graph,
      signal: during.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.fileIndex === 1 && p.phase === "reading") during.abort(new Error("enough"));
      },
    });
    await expect(load).rejects.toThrow("enough");
    expect(seen.some((p) => p.fileIndex > 1)).toBe(false);
    // what was added before the stop stays in the graph
    expect(graph.entities().accounts.length).toBeGreaterThan(0);
  });
});
