import { EMPTY_KEY_NAME } from "../read/column-names.js";
import { emptyRecord } from "../read/empty-record.js";
import type { FileReport } from "../read/file-report.js";
import { pathBeyondDepth, tooDeepMessage } from "../read/json-depth.js";
import type { SourceRow } from "../read/source-row.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The records of Salesforce REST query results (one response, or an array of
 * response pages) as flat rows: nested relationship objects become dotted
 * columns (`Account.Name`, `Product2.Family`), `attributes` is dropped, child
 * relationship sub-queries are reported and skipped. A last page with
 * `done: false` is reported: the query has more records than the file holds.
 *
 * Records are numbered from 1 across pages. A record that is not an object, or
 * nests deeper than `MAX_JSON_DEPTH`, is counted as read and rejected here. A
 * key that collides with a flattened relationship field (a literal
 * `"Account.Name"` beside `"Account": { "Name" }`) is reported; the first value is kept.
 * A key "" is read as `(empty key)`.
 */
export function flattenRestRecords(json: unknown, expectedType: string, report: FileReport): { rows: SourceRow[]; columns: string[] } {
  const pages = Array.isArray(json) ? json : [json];
  const rows: SourceRow[] = [];
  const columns = new Set<string>();
  const warned = new Set<string>();
  let position = 0;
  pages.forEach((page, p) => {
    if (!isObject(page) || !Array.isArray(page.records)) {
      report.problems.push({
        file: report.file,
        message: `page ${p + 1} is not a query result (an object with records)`,
        severity: "error",
        code: "invalid_json",
      });
      return;
    }
    for (const record of page.records) {
      const at = { file: report.file, record: ++position };
      const reject = (message: string, code: string, field?: string) => {
        report.read++;
        report.rejected++;
        report.problems.push({ ...at, ...(field !== undefined ? { field } : {}), message, severity: "error", code });
      };
      if (!isObject(record)) {
        reject("the record is not a JSON object", "invalid_json");
        continue;
      }
      const deep = pathBeyondDepth(record);
      if (deep !== undefined) {
        reject(tooDeepMessage("the record", deep), "too_deep", String(deep[0]));
        continue;
      }
      const type = isObject(record.attributes) ? record.attributes.type : undefined;
      if (type !== undefined && type !== expectedType) {
        report.problems.push({
          ...at,
          field: "attributes.type",
          message: `a ${String(type)} record in a ${expectedType} file`,
          severity: "warning",
          code: "unexpected_type",
        });
      }
      const values = emptyRecord<unknown>();
      flattenInto(record, "", values, {
        child: (field) => {
          if (warned.has(field)) return;
          warned.add(field);
          report.problems.push({ ...at, field, message: `child relationship ${field} is not read`, severity: "warning", code: "not_kept" });
        },
        collision: (field) =>
          report.problems.push({
            ...at,
            field,
            message: `two keys of the record are read as ${field} (such as a key with a dot and a relationship field); the first value was kept`,
            severity: "warning",
            code: "duplicate_column",
          }),
      });
      for (const c of Object.keys(values)) columns.add(c);
      rows.push({ values, record: at.record });
    }
    const last = p === pages.length - 1;
    if (last && page.done === false) {
      report.problems.push({
        file: report.file,
        message: `the query result is incomplete: fetch ${String(page.nextRecordsUrl ?? "the next page")} for the remaining records`,
        severity: "warning",
        code: "incomplete_result",
      });
    }
  });
  // a relationship that is null in some records (`"Product2": null`) is not a column of its own
  const dotted = new Set([...columns].filter((c) => c.includes(".")).map((c) => c.slice(0, c.indexOf("."))));
  for (const row of rows) for (const name of dotted) delete (row.values as Record<string, unknown>)[name];
  return { rows, columns: [...columns].filter((c) => !dotted.has(c)) };
}

/** Copies a record's fields into `out`, relationship objects as dotted fields. Records are checked for depth first, so the recursion is bounded. */
function flattenInto(
  record: Record<string, unknown>,
  prefix: string,
  out: Record<string, unknown>,
  on: { child(field: string): void; collision(field: string): void },
): void {
  for (const [name, value] of Object.entries(record)) {
    if (name === "attributes") continue;
    const field = prefix + (name === "" ? EMPTY_KEY_NAME : name);
    if (isObject(value) && Array.isArray(value.records)) on.child(field);
    else if (isObject(value)) flattenInto(value, `${field}.`, out, on);
    else if (Object.hasOwn(out, field)) on.collision(field);
    else out[field] = value;
  }
}
