import { EMPTY_KEY_NAME } from "./column-names.js";
import type { FileReport } from "./file-report.js";
import { pathBeyondDepth, tooDeepMessage } from "./json-depth.js";
import { emptyRecord } from "./empty-record.js";
import type { SourceRow } from "./source-row.js";

/**
 * The rows of a JSON array of flat records, numbered from 1, each record's own
 * keys copied to a prototype-free object (so `constructor` or `__proto__` are
 * plain keys; a key "" is read as `(empty key)`, with a warning). A record that is not an object, or nests too deep, is counted as
 * read and rejected here with its record number.
 */
export function jsonRows(records: readonly unknown[], report: FileReport): { rows: SourceRow[]; columns: string[] } {
  const rows: SourceRow[] = [];
  const columns = new Set<string>();
  let warned = false;
  const emptyKey = (record: number, taken: boolean) => {
    if (taken)
      report.problems.push({
        file: report.file,
        record,
        field: EMPTY_KEY_NAME,
        message: `the record has a key "" and a key ${EMPTY_KEY_NAME}; the value of "" was left out`,
        severity: "warning",
        code: "duplicate_column",
      });
    else if (!warned)
      report.problems.push({
        file: report.file,
        record,
        field: EMPTY_KEY_NAME,
        message: `a key "" is read as ${EMPTY_KEY_NAME}`,
        severity: "warning",
        code: "unnamed_column",
      });
    warned ||= !taken;
  };
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
      if (key === "") {
        const taken = Object.hasOwn(record, EMPTY_KEY_NAME);
        emptyKey(position, taken);
        if (taken) continue;
      }
      const name = key === "" ? EMPTY_KEY_NAME : key;
      values[name] = value;
      columns.add(name);
    }
    rows.push({ values, record: position });
  });
  return { rows, columns: [...columns] };
}
