import { z } from "zod";
import { checkArguments } from "../read/check-arguments.js";
import { createFileReport } from "../read/file-report.js";
import { InputSourceSchema, inputName, type InputSource } from "../read/input-source.js";
import { jsonRows } from "../read/json-rows.js";
import { mapRows } from "../read/map-rows.js";
import { readCsv } from "../read/read-csv.js";
import { readJson } from "../read/read-json.js";
import type { SourceResult } from "../read/source-result.js";
import { MarketoReadOptionsSchema, type MarketoReadOptions } from "./marketo-options.js";
import { MARKETO_EXPORTS, marketoSpec, type MarketoExport } from "./marketo-specs.js";

const ArgumentsSchema = z.object({ kind: z.enum(MARKETO_EXPORTS), input: InputSourceSchema, options: MarketoReadOptionsSchema });

/**
 * Reads a Marketo CSV export: a lead export (REST field names), the bulk
 * activity extract, companies or opportunities.
 */
export async function readMarketoCsv(kind: MarketoExport, input: InputSource, options: MarketoReadOptions = {}): Promise<SourceResult> {
  checkArguments("readMarketoCsv", ArgumentsSchema, { kind, input, options });
  const report = createFileReport(options.name ?? inputName(input), `marketo:${kind}`);
  const { header, rows } = await readCsv(input, report);
  return { batch: mapRows(rows, header, marketoSpec(kind, options), report, options), report };
}

/** Reads Marketo REST JSON: a response with `result: [...]`, or an array of records. */
export async function readMarketoJson(kind: MarketoExport, input: InputSource, options: MarketoReadOptions = {}): Promise<SourceResult> {
  checkArguments("readMarketoJson", ArgumentsSchema, { kind, input, options });
  const report = createFileReport(options.name ?? inputName(input), `marketo:${kind}`);
  const json = await readJson(input, report);
  const records = Array.isArray(json)
    ? json
    : typeof json === "object" && json !== null && Array.isArray((json as { result?: unknown }).result)
      ? (json as { result: unknown[] }).result
      : undefined;
  if (records === undefined) {
    if (json !== undefined)
      report.problems.push({ file: report.file, message: "expected an array of records or a response with result", severity: "error", code: "invalid_json" });
    return { batch: {}, report };
  }
  const { rows, columns } = jsonRows(records, report);
  return { batch: mapRows(rows, columns, marketoSpec(kind, options), report, options), report };
}
