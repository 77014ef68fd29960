import type { FileReport } from "../read/file-report.js";
import type { SourceRow } from "../read/source-row.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The records of Salesforce REST query results (one response, or an array of
 * response pages) as flat rows: nested relationship objects become dotted
 * columns (`Account.Name`, `Product2.Family`), `attributes` is dropped, child
 * relationship sub-queries are reported and skipped. A last page with
 * `done: false` is reported: the query has more records than the file holds.
 */
export function flattenRestRecords(json: unknown, expectedType: string, report: FileReport): { rows: SourceRow[]; columns: string[] } {
  const pages = Array.isArray(json) ? json : [json];
  const rows: SourceRow[] = [];
  const columns = new Set<string>();
  const warned = new Set<string>();
  pages.forEach((page, p) => {
    if (!isObject(page) || !Array.isArray(page.records)) {
      report.problems.push({ file: report.file, message: `page ${p + 1} is not a query result (an object with records)`, severity: "error", code: "invalid_json" });
      return;
    }
    for (const record of page.records) {
      const position = rows.length + 1;
      const values: Record<string, unknown> = {};
      if (isObject(record)) {
        const type = isObject(record.attributes) ? record.attributes.type : undefined;
        if (type !== undefined && type !== expectedType) {
          report.problems.push({ file: report.file, record: position, field: "attributes.type", message: `a ${String(type)} record in a ${expectedType} file`, severity: "warning", code: "unexpected_type" });
        }
        flattenInto(record, "", values, (field) => {
          if (warned.has(field)) return;
          warned.add(field);
          report.problems.push({ file: report.file, record: position, field, message: `child relationship ${field} is not read`, severity: "warning", code: "not_kept" });
        });
      }
      for (const c of Object.keys(values)) columns.add(c);
      rows.push({ values, record: position });
    }
    const last = p === pages.length - 1;
    if (last && page.done === false) {
      report.problems.push({ file: report.file, message: `the query result is incomplete: fetch ${String(page.nextRecordsUrl ?? "the next page")} for the remaining records`, severity: "warning", code: "incomplete_result" });
    }
  });
  // a relationship that is null in some records (`"Product2": null`) is not a column of its own
  const dotted = new Set([...columns].filter((c) => c.includes(".")).map((c) => c.slice(0, c.indexOf("."))));
  for (const row of rows) for (const name of dotted) delete (row.values as Record<string, unknown>)[name];
  return { rows, columns: [...columns].filter((c) => !dotted.has(c)) };
}

function flattenInto(record: Record<string, unknown>, prefix: string, out: Record<string, unknown>, onChild: (field: string) => void): void {
  for (const [name, value] of Object.entries(record)) {
    if (name === "attributes") continue;
    const field = prefix + name;
    if (isObject(value) && Array.isArray(value.records)) onChild(field);
    else if (isObject(value)) flattenInto(value, `${field}.`, out, onChild);
    else out[field] = value;
  }
}
