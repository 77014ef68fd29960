import { rm } from "node:fs/promises";
import { openCsvWriter } from "./csv-row-writer.js";
import type { ExportColumn, ExportRow } from "./export-column.js";
import { fileChecksum } from "./file-checksum.js";
import type { FileExportOptions } from "./file-export-options.js";
import { safeJoin } from "./file-name-template.js";
import { openJsonlWriter } from "./jsonl-row-writer.js";
import type { ManifestFile } from "./manifest.js";
import { openParquetWriter } from "./parquet-row-writer.js";
import type { RowWriter } from "./row-writer.js";

/** The extension a format and compression give (`.csv`, `.csv.gz`, `.jsonl.gz`, `.parquet`). */
export function fileExtension(options: Pick<FileExportOptions, "format" | "compression">): string {
  if (options.format === "parquet") return ".parquet";
  const base = options.format === "csv" ? ".csv" : ".jsonl";
  return options.compression === "gzip" ? `${base}.gz` : base;
}

/** The name of part `n` (1-based): `base.ext`, then `base_2.ext`, `base_3.ext`, … */
export function partName(baseName: string, n: number, extension: string): string {
  return n === 1 ? `${baseName}${extension}` : `${baseName}_${n}${extension}`;
}

function openWriter(path: string, columns: readonly ExportColumn[], options: FileExportOptions): RowWriter {
  const gzip = options.compression === "gzip";
  if (options.format === "csv") return openCsvWriter(path, columns, gzip, { escapeFormulas: options.escapeFormulas });
  if (options.format === "jsonl") return openJsonlWriter(path, columns, gzip);
  return openParquetWriter(path, columns, gzip, options.parquetRowGroupSize);
}

/** A written file: its manifest entry and where it is on disk. */
export interface WrittenFile extends ManifestFile {
  readonly path: string;
}

/**
 * Streams rows into files in `directory`, starting a new file every
 * `options.maxRowsPerFile` rows. An export with no rows still writes one file
 * (headers only for CSV). Returns each file with its row count, size and SHA-256.
 * Each file is written atomically (see {@link RowWriter}): a killed process
 * leaves whole parts and at most a hidden `.<name>.<hex>.tmp`, never half a
 * part under its name. When writing fails (the rows' source throws, the disk
 * is full), the parts this call wrote are removed and the error is rethrown.
 */
export async function writeSplitFiles(
  directory: string,
  baseName: string,
  columns: readonly ExportColumn[],
  rows: Iterable<readonly ExportRow[]> | AsyncIterable<readonly ExportRow[]>,
  options: FileExportOptions,
): Promise<WrittenFile[]> {
  const extension = fileExtension(options);
  const parts: { name: string; path: string; rows: number }[] = [];
  let writer: RowWriter | undefined;
  let current: { name: string; path: string; rows: number } | undefined;

  const open = () => {
    const name = partName(baseName, parts.length + 1, extension);
    current = { name, path: safeJoin(directory, name), rows: 0 };
    parts.push(current);
    writer = openWriter(current.path, columns, options);
  };

  try {
    open();
    for await (const chunk of rows) {
      let offset = 0;
      while (offset < chunk.length) {
        if (current!.rows >= options.maxRowsPerFile) {
          await writer!.close();
          open();
        }
        const take = Math.min(chunk.length - offset, options.maxRowsPerFile - current!.rows);
        await writer!.write(chunk.slice(offset, offset + take));
        current!.rows += take;
        offset += take;
      }
    }
    await writer!.close();
  } catch (error) {
    await writer?.abort();
    for (const part of parts.slice(0, -1)) await rm(part.path, { force: true });
    throw error;
  }

  const out: WrittenFile[] = [];
  for (const part of parts) out.push({ ...part, ...(await fileChecksum(part.path)) });
  return out;
}
