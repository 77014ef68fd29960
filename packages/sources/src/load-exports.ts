import { IdentityGraph, type IdentityConfigInput } from "@abm-kit/core";
import { z } from "zod";
import { checkArguments } from "./read/check-arguments.js";
import type { FileReport } from "./read/file-report.js";
import { InputSourceSchema, type InputSource } from "./read/input-source.js";
import type { SourceResult } from "./read/source-result.js";
import { FieldMappingSchema, type FieldMapping } from "./generic/field-mapping.js";
import { readMappedCsv, readMappedJson } from "./generic/read-mapped.js";
import { MarketoReadOptionsSchema, type MarketoReadOptions } from "./marketo/marketo-options.js";
import { MARKETO_EXPORTS, type MarketoExport } from "./marketo/marketo-specs.js";
import { readMarketoCsv, readMarketoJson } from "./marketo/read-marketo.js";
import { PartnerFileMappingSchema, type PartnerFileMapping } from "./partner/partner-mapping.js";
import { readPartnerCsv } from "./partner/read-partner.js";
import { SalesforceReadOptionsSchema, type SalesforceReadOptions } from "./salesforce/salesforce-options.js";
import { SALESFORCE_OBJECTS, type SalesforceObject } from "./salesforce/salesforce-specs.js";
import { readSalesforceCsv, readSalesforceJson, readSalesforceProducts } from "./salesforce/read-salesforce.js";

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
    graph: z.custom<IdentityGraph>((g) => typeof g === "object" && g !== null && typeof (g as { add?: unknown }).add === "function", "expected an IdentityGraph").optional(),
    identity: z.looseObject({}).optional(),
  }),
});

const isJson = (file: InputSource) => ("path" in file ? file.path : file.name).toLowerCase().endsWith(".json");

/**
 * Reads every file and adds it to one identity graph (a new one, or `graph`).
 * Salesforce Product2 files are read first and feed the Asset files. Every file
 * and option is checked before any file is read: a `ValidationError` names each
 * bad one by its path (`files.2.options.fieldTypes.Tier__c`). What is wrong
 * inside a file is in that file's report.
 */
export async function loadExports(files: readonly ExportFile[], options: { readonly graph?: IdentityGraph; readonly identity?: IdentityConfigInput } = {}): Promise<LoadedExports> {
  checkArguments("loadExports", ArgumentsSchema, { files, options });
  const graph = options.graph ?? new IdentityGraph(options.identity);
  const reports: FileReport[] = new Array<FileReport>(files.length);
  const products = new Map<string, { name?: string; family?: string }>();
  for (const [i, file] of files.entries()) {
    if (file.source === "salesforce" && file.object === "Product2") {
      const read = await readSalesforceProducts(file, file.options);
      for (const [id, p] of read.products) products.set(id, p);
      reports[i] = read.report;
    }
  }
  for (const [i, file] of files.entries()) {
    if (file.source === "salesforce" && file.object === "Product2") continue;
    let result: SourceResult;
    switch (file.source) {
      case "salesforce": {
        const o = { products, ...file.options };
        result = isJson(file) ? await readSalesforceJson(file.object, file, o) : await readSalesforceCsv(file.object, file, o);
        break;
      }
      case "marketo":
        result = isJson(file) ? await readMarketoJson(file.export, file, file.options) : await readMarketoCsv(file.export, file, file.options);
        break;
      case "partner":
        result = await readPartnerCsv(file, file.mapping);
        break;
      case "mapped":
        result = isJson(file) ? await readMappedJson(file, file.mapping) : await readMappedCsv(file, file.mapping);
        break;
    }
    graph.add(result.batch);
    reports[i] = result.report;
  }
  return { graph, reports };
}
