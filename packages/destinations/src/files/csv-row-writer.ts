import { stringify } from "csv-stringify/sync";
import { ByteSink } from "./byte-sink.js";
import { cellText, type ExportColumn } from "./export-column.js";
import type { RowWriter } from "./row-writer.js";

/** Opens a CSV writer (RFC 4180 quoting, header row, `\n` line ends). */
export function openCsvWriter(path: string, columns: readonly ExportColumn[], gzip: boolean): RowWriter {
  const sink = new ByteSink(path, gzip);
  let headerWritten = false;
  return {
    async write(rows) {
      const records: string[][] = [];
      if (!headerWritten) {
        records.push(columns.map((c) => c.name));
        headerWritten = true;
      }
      for (const row of rows) records.push(columns.map((_, i) => cellText(row[i])));
      if (records.length > 0) await sink.write(stringify(records, { record_delimiter: "\n" }));
    },
    async close() {
      if (!headerWritten) await sink.write(stringify([columns.map((c) => c.name)], { record_delimiter: "\n" }));
      await sink.close();
    },
  };
}
