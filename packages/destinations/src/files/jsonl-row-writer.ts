import { openAtomicSink } from "./byte-sink.js";
import type { ExportColumn } from "./export-column.js";
import type { RowWriter } from "./row-writer.js";

/** Opens a JSON Lines writer: one object per line, keys in column order, missing values as `null`; written atomically (see {@link RowWriter}). */
export function openJsonlWriter(path: string, columns: readonly ExportColumn[], gzip: boolean): RowWriter {
  const sink = openAtomicSink(path, gzip);
  return {
    async write(rows) {
      let text = "";
      for (const row of rows) {
        const object: Record<string, unknown> = {};
        columns.forEach((c, i) => {
          object[c.name] = row[i] ?? null;
        });
        text += JSON.stringify(object) + "\n";
      }
      if (text !== "") await sink.write(text);
    },
    close: () => sink.close(),
    abort: () => sink.abort(),
  };
}
