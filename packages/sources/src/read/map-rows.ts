import type { AttributeValue, FieldDefinitions, FieldType, IdentityBatch } from "@abm-kit/core";
import { inferFieldType } from "../values/infer-value-type.js";
import { parseValue, type ValueType } from "../values/parse-value.js";
import { emptyRecord } from "./empty-record.js";
import type { FileReport } from "./file-report.js";
import type { ObjectSpec } from "./object-spec.js";
import type { SourceRow } from "./source-row.js";

/** Options shared by every reader. */
export interface MapOptions {
  /** Declared types of attribute columns (`Seniority__c: "string"`, `Interests__c: "multi"`); others are inferred. */
  readonly fieldTypes?: Readonly<Record<string, FieldType>>;
}

const TYPE_OF_FIELD: Record<FieldType, ValueType> = {
  string: "string",
  number: "number",
  boolean: "boolean",
  date: "date",
  instant: "instant",
  multi: "multi",
};

/** A row's own value of a column (never an inherited member such as `constructor`). */
const valueOf = (row: SourceRow, column: string): unknown => (Object.hasOwn(row.values, column) ? row.values[column] : undefined);

/** Concatenates batch fragments part by part. */
export function appendBatch(target: Record<string, unknown[]>, fragment: IdentityBatch): void {
  for (const [part, records] of Object.entries(fragment)) {
    if (part === "fields" || part === "relatedTables" || !Array.isArray(records)) continue;
    (target[part] ??= []).push(...records);
  }
}

/**
 * Maps the rows of one file with a spec: parses standard columns, keeps every
 * other column as a typed attribute (warning once for a column the spec does
 * not expect), rejects records with a missing or bad required value or a
 * repeated id, and counts read / loaded / rejected in the report.
 */
export function mapRows(rows: readonly SourceRow[], columns: readonly string[], spec: ObjectSpec, report: FileReport, options: MapOptions = {}): IdentityBatch {
  const extraTypes = new Map<string, FieldType>();
  const declared = options.fieldTypes;
  for (const column of extraColumns(columns, spec)) extraTypes.set(column, declared !== undefined && Object.hasOwn(declared, column) ? declared[column]! : inferFieldType(rows.map((r) => valueOf(r, column))));
  const mapper = createRowMapper(columns, spec, report, extraTypes, rows[0]?.line !== undefined);
  const out: Record<string, unknown[]> = {};
  mapper.map(rows, (fragment) => appendBatch(out, fragment));
  return { ...out, ...mapper.fields() } as IdentityBatch;
}

/** The columns of a file that are not standard columns of the spec. */
export function extraColumns(columns: readonly string[], spec: ObjectSpec): string[] {
  return columns.filter((c) => !Object.hasOwn(spec.columns, c));
}

/** Maps rows a chunk at a time, with state across chunks (ids seen); see {@link mapRows}. */
export interface RowMapper {
  /** Maps rows, handing each loaded record's fragment to `sink`. */
  map(rows: readonly SourceRow[], sink: (fragment: IdentityBatch) => void): void;
  /** The declared custom fields of the file (`{ fields: { person: {...} } }`) and the related tables it writes, or nothing. */
  fields(): Pick<IdentityBatch, "fields" | "relatedTables">;
}

/**
 * A row mapper for a file with these columns; `extraTypes` gives the type of
 * every extra column. Warns once per column the spec does not expect (on line 1
 * when `isCsv`).
 */
export function createRowMapper(columns: readonly string[], spec: ObjectSpec, report: FileReport, extraTypes: ReadonlyMap<string, FieldType>, isCsv: boolean): RowMapper {
  const extras = extraColumns(columns, spec);
  for (const column of extras) {
    if (!spec.isKnownExtra(column)) {
      report.problems.push({ file: report.file, line: isCsv ? 1 : undefined, field: column, severity: "warning", code: "unknown_column", message: `column ${column} is not a known ${spec.kind} field; it is ${spec.keepsExtras === false ? "ignored" : "kept as an attribute"}` });
    }
  }
  const kept = spec.keepsExtras === false ? [] : extras.map((column) => [column, TYPE_OF_FIELD[extraTypes.get(column)!]] as const);
  const standard = Object.entries(spec.columns).map(([column, type]) => [column, type, spec.required.includes(column)] as const);
  const firstSeen = new Map<string, number | undefined>();
  return {
    map(rows, sink) {
      for (const row of rows) {
        report.read++;
        let rejected = false;
        const problem = (field: string | undefined, message: string, severity: "error" | "warning", code: string) => {
          if (severity === "error") rejected = true;
          report.problems.push({ file: report.file, ...(row.line !== undefined ? { line: row.line } : {}), ...(row.record !== undefined ? { record: row.record } : {}), ...(field !== undefined ? { field } : {}), message, severity, code });
        };
        const values = emptyRecord<AttributeValue | undefined>();
        for (const [column, type, required] of standard) {
          const parsed = parseValue(valueOf(row, column), type);
          if (!parsed.ok) problem(column, required ? parsed.message : `${parsed.message}; the value was left out`, required ? "error" : "warning", "invalid_value");
          else if (required && parsed.value === undefined) problem(column, `${column} is required`, "error", "missing_value");
          else values[column] = parsed.value;
        }
        const attributes = emptyRecord<AttributeValue>();
        for (const [column, type] of kept) {
          const parsed = parseValue(valueOf(row, column), type);
          if (!parsed.ok) problem(column, `${parsed.message}; the value was left out`, "warning", "invalid_value");
          else if (parsed.value !== undefined) attributes[column] = parsed.value;
        }
        const id = spec.idColumn !== undefined ? values[spec.idColumn] : undefined;
        if (!rejected && typeof id === "string") {
          if (firstSeen.has(id)) {
            const first = firstSeen.get(id);
            problem(spec.idColumn, `duplicate id ${id}${first !== undefined ? ` (first on line ${first})` : ""}; the later record was rejected`, "error", "duplicate_id");
          } else firstSeen.set(id, row.line ?? row.record);
        }
        const fragment = rejected ? undefined : spec.map({ values, attributes, origin: { file: report.file, ...(row.line !== undefined ? { line: row.line } : {}) }, problem });
        if (rejected || fragment === undefined) {
          report.rejected++;
          continue;
        }
        report.loaded++;
        sink(fragment);
      }
    },
    fields() {
      const fields: FieldDefinitions = emptyRecord();
      for (const [column, type] of extraTypes) fields[column] = { type };
      const tables = spec.relatedTables !== undefined && spec.relatedTables.length > 0 ? { relatedTables: spec.relatedTables } : {};
      return spec.entity && extras.length > 0 && spec.keepsExtras !== false ? { fields: { [spec.entity]: fields }, ...tables } : tables;
    },
  };
}
