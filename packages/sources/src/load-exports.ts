import { statSync } from "node:fs";
import { IdentityGraph, type FieldType, type IdentityConfigInput } from "@abm-kit/core";
import { z } from "zod";
import { checkArguments } from "./read/check-arguments.js";
import { createFileReport, type FileReport } from "./read/file-report.js";
import { InputSourceSchema, inputName, type InputSource } from "./read/input-source.js";
import type { ObjectSpec } from "./read/object-spec.js";
import { streamMappedCsv } from "./read/stream-mapped-csv.js";
import { startEventsWorkerRead, type EventsWorkerRead } from "./read/worker/read-events-in-worker.js";
import type { LoadProgress } from "./load-progress.js";
import type { SourceResult } from "./read/source-result.js";
import { FieldMappingSchema, type FieldMapping } from "./generic/field-mapping.js";
import { mappedSpec, readMappedJson } from "./generic/read-mapped.js";
import { MarketoReadOptionsSchema, type MarketoReadOptions } from "./marketo/marketo-options.js";
import { MARKETO_EXPORTS, marketoSpec, type MarketoExport } from "./marketo/marketo-specs.js";
import { readMarketoJson } from "./marketo/read-marketo.js";
import { PartnerFileMappingSchema, type PartnerFileMapping } from "./partner/partner-mapping.js";
import { partnerSpec, readPartnerCsv } from "./partner/read-partner.js";
import { SalesforceReadOptionsSchema, type SalesforceReadOptions } from "./salesforce/salesforce-options.js";
import { SALESFORCE_OBJECTS, salesforceSpec, type SalesforceObject } from "./salesforce/salesforce-specs.js";
import { readSalesforceJson, readSalesforceProducts } from "./salesforce/read-salesforce.js";

/** One export file and what it holds. JSON is recognised by a `.json` name. */
export type ExportFile = InputSource &
  (
    | { readonly source: "salesforce"; readonly object: SalesforceObject; readonly options?: SalesforceReadOptions }
    | { readonly source: "marketo"; readonly export: MarketoExport; readonly options?: MarketoReadOptions }
    | { readonly source: "partner"; readonly mapping: PartnerFileMapping }
    | { readonly source: "mapped"; readonly mapping: FieldMapping }
  );

/** A graph holding every file's records, and each file's report in the order given. */
export interface LoadedExports {
  readonly graph: IdentityGraph;
  readonly reports: readonly FileReport[];
}

const ExportFileSchema = z.intersection(
  InputSourceSchema,
  z.discriminatedUnion("source", [
    z.object({ source: z.literal("salesforce"), object: z.enum(SALESFORCE_OBJECTS), options: SalesforceReadOptionsSchema.optional() }),
    z.object({ source: z.literal("marketo"), export: z.enum(MARKETO_EXPORTS), options: MarketoReadOptionsSchema.optional() }),
    z.object({ source: z.literal("partner"), mapping: PartnerFileMappingSchema }),
    z.object({ source: z.literal("mapped"), mapping: FieldMappingSchema }),
  ]),
);
const ArgumentsSchema = z.object({
  files: z.array(ExportFileSchema),
  options: z.object({
    // any graph with `add` (an IdentityGraph, or one from another copy of @abm-kit/core)
    graph: z
      .custom<IdentityGraph>((g) => typeof g === "object" && g !== null && typeof (g as { add?: unknown }).add === "function", "expected an IdentityGraph")
      .optional(),
    identity: z.looseObject({}).optional(),
    onProgress: z.custom<(progress: LoadProgress) => void>((f) => typeof f === "function", "expected a function").optional(),
    signal: z.custom<AbortSignal>((s) => s instanceof AbortSignal, "expected an AbortSignal").optional(),
    workers: z.boolean().optional(),
  }),
});

const isJson = (file: InputSource) => ("path" in file ? file.path : file.name).toLowerCase().endsWith(".json");

/** Options of {@link loadExports}. */
export interface LoadExportsOptions {
  /** The graph to add to (default: a new one with `identity`). */
  readonly graph?: IdentityGraph;
  readonly identity?: IdentityConfigInput;
  /** Called as files are read: per file, bytes and records read so far, and when it is done. */
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Stops loading: the call then rejects with the signal's reason (records already added stay in `graph`). */
  readonly signal?: AbortSignal;
  /**
   * `true`: Marketo activity CSV files given by path are read and mapped in a
   * worker thread, each while this thread reads the files before it and adds
   * the records (only when `graph` is an `IdentityGraph` of the same copy of
   * `@abm-kit/core`). The results are the same either way. Default `false`:
   * on 2 busy cores it gave no measurable gain (docs/ingest-performance.md).
   */
  readonly workers?: boolean;
}

/** The path of a file that is read and mapped in a worker thread, or undefined. */
function workerPath(file: ExportFile): string | undefined {
  if (file.source !== "marketo" || file.export !== "activities" || isJson(file)) return undefined;
  const { path, text } = file as { readonly path?: unknown; readonly text?: unknown };
  return typeof text !== "string" && typeof path === "string" ? path : undefined;
}

/** The spec, report name and declared field types of a CSV export file. */
function csvSpec(
  file: ExportFile,
  products: ReadonlyMap<string, { name?: string; family?: string; code?: string }>,
): { spec: ObjectSpec; name: string; fieldTypes?: Readonly<Record<string, FieldType>> | undefined } {
  switch (file.source) {
    case "salesforce":
      return {
        spec: salesforceSpec(file.object, { products, ...file.options }),
        name: file.options?.name ?? inputName(file),
        fieldTypes: file.options?.fieldTypes,
      };
    case "marketo":
      return { spec: marketoSpec(file.export, file.options), name: file.options?.name ?? inputName(file), fieldTypes: file.options?.fieldTypes };
    case "partner":
      return { spec: partnerSpec(file.mapping), name: inputName(file) };
    case "mapped":
      return { spec: mappedSpec(file.mapping), name: inputName(file) };
  }
}

/**
 * Reads every file and adds it to one identity graph (a new one, or `graph`).
 * Salesforce Product2 files are read first and feed the Asset files. Every file
 * and option is checked before any file is read: a `ValidationError` names each
 * bad one by its path (`files.2.options.fieldTypes.Tier__c`). What is wrong
 * inside a file is in that file's report. CSV files are streamed: their records
 * reach the graph a chunk at a time, so no file is ever held whole (JSON files
 * are read whole). `onProgress` hears bytes and records per file; `signal`
 * stops the load.
 *
 * @example
 * ```ts
 * import { loadExports } from "@abm-kit/sources";
 * import { toSnapshot } from "@abm-kit/core";
 *
 * const { graph, reports } = await loadExports([
 *   { source: "salesforce", object: "Account", path: "exports/Account.csv" },
 *   { source: "salesforce", object: "Contact", path: "exports/Contact.csv" },
 *   { source: "marketo", export: "leads", path: "exports/leads.csv" },
 * ]);
 * for (const report of reports) console.log(report);
 * const snapshot = toSnapshot(graph, { asOf: "2026-11-20T12:00:00Z" });
 * ```
 * @category Load
 */
export async function loadExports(files: readonly ExportFile[], options: LoadExportsOptions = {}): Promise<LoadedExports> {
  checkArguments("loadExports", ArgumentsSchema, { files, options });
  const graph = options.graph ?? new IdentityGraph(options.identity);
  // files read in worker threads start now, so they are mapped while the files before them are read
  const workerReads = new Map<number, EventsWorkerRead>();
  // only a graph of this copy of @abm-kit/core takes the chunks the worker packs (any other graph gets records)
  if (options.workers === true && graph instanceof IdentityGraph) {
    for (const [i, file] of files.entries()) {
      const path = workerPath(file);
      if (path === undefined || file.source !== "marketo") continue;
      workerReads.set(i, startEventsWorkerRead(path, file.options?.name ?? inputName(file), file.options ?? {}, file.options?.fieldTypes));
    }
  }
  try {
    return await loadInOrder(files, graph, workerReads, options);
  } finally {
    for (const read of workerReads.values()) read.cancel();
  }
}

/** Reads every file in order into `graph`; a file in `workerReads` is taken from its worker. */
async function loadInOrder(
  files: readonly ExportFile[],
  graph: IdentityGraph,
  workerReads: ReadonlyMap<number, EventsWorkerRead>,
  options: LoadExportsOptions,
): Promise<LoadedExports> {
  const reports: FileReport[] = new Array<FileReport>(files.length);
  const products = new Map<string, { name?: string; family?: string; code?: string }>();
  const { onProgress, signal } = options;
  const fileCount = files.length;
  const sizeOf = (file: ExportFile) => {
    if ("text" in file && typeof file.text === "string") return Buffer.byteLength(file.text);
    try {
      return statSync((file as { readonly path: string }).path).size;
    } catch {
      return undefined;
    }
  };
  const announce = (i: number, file: ExportFile, phase: "reading" | "read", bytes: number, rows: number) => {
    const totalBytes = sizeOf(file);
    onProgress?.({ phase, file: inputName(file), fileIndex: i, fileCount, bytes, ...(totalBytes !== undefined ? { totalBytes } : {}), rows });
  };
  for (const [i, file] of files.entries()) {
    if (file.source === "salesforce" && file.object === "Product2") {
      signal?.throwIfAborted();
      announce(i, file, "reading", 0, 0);
      const read = await readSalesforceProducts(file, file.options);
      for (const [id, p] of read.products) products.set(id, p);
      reports[i] = read.report;
      announce(i, file, "read", sizeOf(file) ?? 0, read.report.read);
    }
  }
  for (const [i, file] of files.entries()) {
    if (file.source === "salesforce" && file.object === "Product2") continue;
    signal?.throwIfAborted();
    announce(i, file, "reading", 0, 0);
    if (!isJson(file)) {
      const { spec, name, fieldTypes } = csvSpec(file, products);
      const report = createFileReport(name, spec.kind);
      const totalBytes = sizeOf(file);
      const hooks = {
        ...(signal ? { signal } : {}),
        onProgress: (p: { bytes: number; rows: number }) =>
          onProgress?.({
            phase: "reading",
            file: name,
            fileIndex: i,
            fileCount,
            bytes: p.bytes,
            ...(totalBytes !== undefined ? { totalBytes } : {}),
            rows: p.rows,
          }),
      };
      const inWorker = workerReads.get(i);
      if (inWorker !== undefined) await inWorker.finish(graph, report, hooks);
      else await streamMappedCsv(file, spec, report, fieldTypes ? { fieldTypes } : {}, (batch) => graph.add(batch), hooks);
      reports[i] = report;
      announce(i, file, "read", totalBytes ?? 0, report.read);
      continue;
    }
    let result: SourceResult;
    switch (file.source) {
      case "salesforce":
        result = await readSalesforceJson(file.object, file, { products, ...file.options });
        break;
      case "marketo":
        result = await readMarketoJson(file.export, file, file.options);
        break;
      case "partner":
        // partner files are CSV; a .json name is read as CSV, as readPartnerCsv does
        result = await readPartnerCsv(file, file.mapping);
        break;
      case "mapped":
        result = await readMappedJson(file, file.mapping);
        break;
    }
    graph.add(result.batch);
    reports[i] = result.report;
    announce(i, file, "read", sizeOf(file) ?? 0, result.report.read);
  }
  onProgress?.({ phase: "done", fileIndex: fileCount, fileCount, bytes: 0, rows: 0 });
  return { graph, reports };
}
