import type { FileReport } from "./file-report.js";
import { pathBeyondDepth, tooDeepMessage } from "./json-depth.js";
import { emptyRecord } from "./empty-record.js";
import type { SourceRow } from "./source-row.js";

/**
 * The rows of a JSON array of flat records, numbered from 1, each record's own
 * keys copied to a prototype-free object (so `constructor` or `__proto__` are
 * plain keys). A record that is not an object, or nests too deep, is counted as
 * read and rejected here with its record number.
 */
export function jsonRows(records: readonly unknown[], report: FileReport): { rows: SourceRow[]; columns: string[] } {
  const rows: SourceRow[] = [];
  const columns = new Set<string>();
  records.forEach((record, i) => {
    const position = i + 1;
    const reject = (message: string, code: string, field?: string) => {
      report.read++;
      report.rejected++;
      report.problems.push({ file: report.file, record: position, ...(field !== undefined ? { field } : {}), message, severity: "error", code });
    };
    if (typeof record !== "object" || record === null || Array.isArray(record)) return reject("the record is not a JSON object", "invalid_json");
    const deep = pathBeyondDepth(record);
    if (deep !== undefined) return reject(tooDeepMessage("the record", deep), "too_deep", String(deep[0]));
    const values = emptyRecord<unknown>();
    for (const [key, value] of Object.entries(record)) {
      values[key] = value;
      columns.add(key);
    }
    rows.push({ values, record: position });
  });
  return { rows, columns: [...columns] };
}
