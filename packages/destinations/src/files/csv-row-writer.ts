import { stringify } from "csv-stringify/sync";
import { openAtomicSink } from "./byte-sink.js";
import { cellText, type ExportColumn, type ExportRow } from "./export-column.js";
import type { RowWriter } from "./row-writer.js";

/** Options of {@link openCsvWriter}. */
export interface CsvWriterOptions {
  /**
   * Prefix text cells starting with `=`, `+`, `-`, `@`, a tab or a carriage
   * return (or their full-width forms) with `'` (OWASP CSV-injection escaping).
   * Numbers in number columns and the header are written as they are. Default false.
   */
  readonly escapeFormulas?: boolean;
}

/** A row's cells for csv-stringify: numbers of number columns stay numbers (so escaping leaves `-5` alone), the rest is text. */
function csvCells(columns: readonly ExportColumn[], row: ExportRow): (string | number)[] {
  return columns.map((c, i) => {
    const value = row[i];
    return c.type === "number" && typeof value === "number" ? value : cellText(value);
  });
}

/** Cells holding a carriage return are quoted too (csv-stringify quotes only the record delimiter, `\n`), so no reader takes it for a line end. */
const QUOTED = /\r/;

/** Opens a CSV writer (RFC 4180 quoting, header row, `\n` line ends), written atomically (see {@link RowWriter}). */
export function openCsvWriter(path: string, columns: readonly ExportColumn[], gzip: boolean, options: CsvWriterOptions = {}): RowWriter {
  const sink = openAtomicSink(path, gzip);
  const header = () => stringify([columns.map((c) => c.name)], { record_delimiter: "\n", quoted_match: QUOTED });
  const escape_formulas = options.escapeFormulas === true;
  let headerWritten = false;
  return {
    async write(rows) {
      let text = "";
      if (!headerWritten) {
        text += header();
        headerWritten = true;
      }
      if (rows.length > 0)
        text += stringify(
          rows.map((row) => csvCells(columns, row)),
          { record_delimiter: "\n", quoted_match: QUOTED, escape_formulas },
        );
      if (text !== "") await sink.write(text);
    },
    async close() {
      if (!headerWritten) {
        try {
          await sink.write(header());
        } catch (error) {
          await sink.abort();
          throw error;
        }
      }
      await sink.close();
    },
    abort: () => sink.abort(),
  };
}
