import type { FieldType, IdentityBatch } from "@abm-kit/core";
import { FieldTypeInference } from "../values/infer-value-type.js";
import { createFileReport, type FileReport } from "./file-report.js";
import type { InputSource } from "./input-source.js";
import { appendBatch, createRowMapper, extraColumns, type MapOptions, type RowMapper } from "./map-rows.js";
import type { ObjectSpec } from "./object-spec.js";
import { StopReading, streamCsv, streamCsvRecords, type CsvStreamHooks } from "./read-csv.js";

/** The header of a CSV file, as `readCsv` names its columns (reading stops after its first record). */
async function readHeader(input: InputSource): Promise<readonly string[]> {
  let header: readonly string[] | undefined;
  try {
    header = await streamCsv(
      input,
      createFileReport("header", "header"),
      (_rows, h) => {
        header = h;
        throw new StopReading();
      },
      { chunkRows: 1 },
    );
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
  }
  return header ?? [];
}

/**
 * Reads a CSV file with a spec chunk by chunk, handing each chunk's records to
 * `sink` (and, last, the file's declared custom fields), so no file is ever
 * held whole. The report ends up as `mapRows` over `readCsv` would leave it:
 * the same counts, and the same problems in the same order (the file's CSV
 * problems, then the mapping's). The type of an extra column that `fieldTypes`
 * does not declare is inferred from all of its values: a file with such
 * columns is read twice, first for those columns only.
 */
export async function streamMappedCsv(
  input: InputSource,
  spec: ObjectSpec,
  report: FileReport,
  options: MapOptions,
  sink: (batch: IdentityBatch) => void,
  hooks: CsvStreamHooks = {},
): Promise<void> {
  const extraTypes = new Map<string, FieldType>();
  const header = await readHeader(input);
  const undeclared: [string, FieldTypeInference][] = [];
  for (const column of extraColumns(header, spec)) {
    const declared = options.fieldTypes !== undefined && Object.hasOwn(options.fieldTypes, column) ? options.fieldTypes[column] : undefined;
    if (declared !== undefined) extraTypes.set(column, declared);
    else undeclared.push([column, new FieldTypeInference()]);
  }
  if (undeclared.length > 0) {
    await streamCsvRecords(
      input,
      createFileReport(report.file, report.kind),
      ({ cells }, columns) => {
        for (const [column, inference] of undeclared) {
          const at = columns.indexOf(column);
          for (const record of cells) if (!inference.add(at >= 0 ? record[at] : undefined)) break;
        }
      },
      { ...hooks, onProgress: undefined },
    );
  }
  for (const [column, inference] of undeclared) extraTypes.set(column, inference.result());

  const mapping = createFileReport(report.file, report.kind);
  let mapper: RowMapper | undefined;
  await streamCsvRecords(
    input,
    report,
    (chunk, columns) => {
      mapper ??= createRowMapper(columns, spec, mapping, extraTypes, true);
      const batch: Record<string, unknown[]> = {};
      mapper.mapCells(chunk, (fragment) => appendBatch(batch, fragment));
      sink(batch as IdentityBatch);
    },
    hooks,
  );
  mapper ??= createRowMapper(header, spec, mapping, extraTypes, false);
  sink(mapper.fields());
  report.read += mapping.read;
  report.loaded += mapping.loaded;
  report.rejected += mapping.rejected;
  for (const problem of mapping.problems) report.problems.push(problem);
}
