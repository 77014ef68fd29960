import { gzipSync } from "node:zlib";
import { ParquetWriter, fileWriter, schemaFromColumnData, type BasicType } from "hyparquet-writer";
import type { CellValue } from "../definition/member.js";
import type { ExportColumn, ExportRow } from "./export-column.js";
import type { RowWriter } from "./row-writer.js";
import { atomicFile } from "./atomic-file.js";

function parquetType(column: ExportColumn): BasicType {
  if (column.type === "number") return "DOUBLE";
  if (column.type === "boolean") return "BOOLEAN";
  return "STRING";
}

function parquetValue(value: CellValue | undefined, column: ExportColumn): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (column.type === "number") return typeof value === "number" ? value : null;
  if (column.type === "boolean") return typeof value === "boolean" ? value : null;
  return Array.isArray(value) ? value.join(";") : String(value);
}

/**
 * Opens a Parquet writer (hyparquet-writer). Rows are buffered up to one row
 * group, then encoded and flushed, so memory holds at most one row group.
 * Strings are UTF-8 `STRING`, numbers `DOUBLE`, booleans `BOOLEAN`, all nullable;
 * pages are Snappy-compressed, or GZIP when `gzip` is set. Written atomically
 * (see {@link RowWriter}).
 */
export function openParquetWriter(path: string, columns: readonly ExportColumn[], gzip: boolean, rowGroupSize: number): RowWriter {
  const schema = schemaFromColumnData({
    columnData: columns.map((c) => ({ name: c.name, data: [], type: parquetType(c), nullable: true })),
  });
  const target = atomicFile(path);
  const writer = new ParquetWriter({
    writer: fileWriter(target.tempPath),
    schema,
    codec: gzip ? "GZIP" : "SNAPPY",
    compressors: { GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)) },
  });
  let buffer: (string | number | boolean | null)[][] = columns.map(() => []);
  let buffered = 0;

  async function flush(): Promise<void> {
    if (buffered === 0) return;
    const columnData = columns.map((c, i) => ({ name: c.name, data: buffer[i]! }));
    await writer.write({ columnData, rowGroupSize: buffered });
    buffer = columns.map(() => []);
    buffered = 0;
  }

  return {
    async write(rows: readonly ExportRow[]) {
      for (const row of rows) {
        columns.forEach((c, i) => buffer[i]!.push(parquetValue(row[i], c)));
        buffered++;
        if (buffered >= rowGroupSize) await flush();
      }
    },
    async close() {
      try {
        await flush();
        await writer.finish();
      } catch (error) {
        await target.discard();
        throw error;
      }
      await target.commit();
    },
    abort: () => target.discard(),
  };
}
