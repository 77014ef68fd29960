import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openCsvWriter, type ExportColumn } from "@abm-kit/destinations";
import { parse } from "csv-parse/sync";
import type { RecordRow, RecordValue } from "../write/write-job.js";

/** What a Bulk API 2.0 CSV cell holds for a value: `#N/A` clears a field (Bulk API 2.0 guide, "Prepare CSV Files"). */
function cell(value: RecordValue | undefined): string {
  if (value === null) return "#N/A";
  if (value === undefined) return "";
  return String(value);
}

/**
 * The CSV of a job's rows, written with the runtime's CSV writer (RFC 4180
 * quoting, header row, LF line ends — the job is created with `lineEnding: LF`)
 * into a temporary folder under `directory`, read back, and removed.
 */
export async function bulkCsv(rows: readonly RecordRow[], directory: string | undefined): Promise<string> {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.record)))];
  const columns: ExportColumn[] = names.map((name) => ({ name, type: "string" }));
  const folder = await mkdtemp(join(directory ?? tmpdir(), "abm-salesforce-bulk-"));
  try {
    const path = join(folder, "records.csv");
    const writer = openCsvWriter(path, columns, false);
    try {
      await writer.write(rows.map((r) => names.map((n) => cell(r.record[n]))));
      await writer.close();
    } catch (error) {
      await writer.abort();
      throw error;
    }
    return await readFile(path, "utf8");
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The rows of a Bulk result CSV as objects by column name; `undefined` when the text is not such a CSV. */
export function parseResultCsv(text: string, required: readonly string[]): Record<string, string>[] | undefined {
  if (text.trim() === "") return [];
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, relax_column_count: false }) as Record<string, string>[];
  } catch {
    return undefined;
  }
  const header = parse(text.split("\n", 1)[0] ?? "", { relax_quotes: true })[0] as string[] | undefined;
  if (header === undefined || !required.every((c) => header.includes(c))) return undefined;
  return rows;
}
