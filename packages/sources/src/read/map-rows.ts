import type { AttributeValue, FieldDefinitions, FieldType, IdentityBatch } from "@abm-kit/core";
import { inferFieldType } from "../values/infer-value-type.js";
import { InvalidCell, parseCell, type ValueType } from "../values/parse-value.js";
import { emptyRecord } from "./empty-record.js";
import type { FileReport } from "./file-report.js";
import type { ObjectSpec } from "./object-spec.js";
import type { CsvRecordChunk } from "./read-csv.js";
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
  for (const column of extraColumns(columns, spec))
    extraTypes.set(column, declared !== undefined && Object.hasOwn(declared, column) ? declared[column]! : inferFieldType(rows.map((r) => valueOf(r, column))));
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
  /** Maps CSV records given as cells in the order of the mapper's columns (the file's header), with the line each starts on. */
  mapCells(chunk: CsvRecordChunk, sink: (fragment: IdentityBatch) => void): void;
  /** The declared custom fields of the file (`{ fields: { person: {...} } }`) and the related tables it writes, or nothing. */
  fields(): Pick<IdentityBatch, "fields" | "relatedTables">;
}

const NO_ATTRIBUTES: Readonly<Record<string, AttributeValue>> = Object.freeze(emptyRecord<AttributeValue>());

/**
 * A row mapper for a file with these columns; `extraTypes` gives the type of
 * every extra column. Warns once per column the spec does not expect (on line 1
 * when `isCsv`).
 */
export function createRowMapper(
  columns: readonly string[],
  spec: ObjectSpec,
  report: FileReport,
  extraTypes: ReadonlyMap<string, FieldType>,
  isCsv: boolean,
): RowMapper {
  const extras = extraColumns(columns, spec);
  for (const column of extras) {
    if (!spec.isKnownExtra(column)) {
      report.problems.push({
        file: report.file,
        line: isCsv ? 1 : undefined,
        field: column,
        severity: "warning",
        code: "unknown_column",
        message: `column ${column} is not a known ${spec.kind} field; it is ${spec.keepsExtras === false ? "ignored" : "kept as an attribute"}`,
      });
    }
  }
  // slots: the spec's standard columns, then the kept extra columns; each with its position in `columns` (-1: absent)
  const position = new Map<string, number>();
  columns.forEach((c, i) => {
    if (!position.has(c)) position.set(c, i);
  });
  const standardNames = Object.keys(spec.columns);
  const standardTypes = standardNames.map((c) => spec.columns[c]!);
  const standardRequired = standardNames.map((c) => spec.required.includes(c));
  const keptNames = spec.keepsExtras === false ? [] : extras;
  const keptTypes = keptNames.map((column) => TYPE_OF_FIELD[extraTypes.get(column)!]);
  const slotNames = [...standardNames, ...keptNames];
  const slotPositions = slotNames.map((c) => position.get(c) ?? -1);
  const slots: unknown[] = new Array<unknown>(slotNames.length).fill(undefined);
  // every standard column is a key of a record's values (undefined when blank or unreadable): one object shape for every record
  const template = Object.fromEntries(standardNames.map((c) => [c, undefined])) as Record<string, AttributeValue | undefined>;
  const idSlot = spec.idColumn !== undefined ? standardNames.indexOf(spec.idColumn) : -1;
  const firstSeen = new Map<string, number | undefined>();

  let line: number | undefined;
  let record: number | undefined;
  let rejected = false;
  const problem = (field: string | undefined, message: string, severity: "error" | "warning", code: string) => {
    if (severity === "error") rejected = true;
    report.problems.push({
      file: report.file,
      ...(line !== undefined ? { line } : {}),
      ...(record !== undefined ? { record } : {}),
      ...(field !== undefined ? { field } : {}),
      message,
      severity,
      code,
    });
  };
  /** Maps the record whose cells are in `slots`. */
  const mapSlots = (sink: (fragment: IdentityBatch) => void) => {
    report.read++;
    rejected = false;
    const values = { ...template };
    for (let s = 0; s < standardNames.length; s++) {
      const column = standardNames[s]!;
      const required = standardRequired[s]!;
      const parsed = parseCell(slots[s], standardTypes[s]!);
      if (parsed instanceof InvalidCell)
        problem(column, required ? parsed.message : `${parsed.message}; the value was left out`, required ? "error" : "warning", "invalid_value");
      else if (required && parsed === undefined) problem(column, `${column} is required`, "error", "missing_value");
      else values[column] = parsed;
    }
    let attributes = NO_ATTRIBUTES;
    for (let k = 0; k < keptNames.length; k++) {
      const column = keptNames[k]!;
      const parsed = parseCell(slots[standardNames.length + k], keptTypes[k]!);
      if (parsed instanceof InvalidCell) problem(column, `${parsed.message}; the value was left out`, "warning", "invalid_value");
      else if (parsed !== undefined) {
        if (attributes === NO_ATTRIBUTES) attributes = emptyRecord<AttributeValue>();
        (attributes as Record<string, AttributeValue>)[column] = parsed;
      }
    }
    const id = idSlot >= 0 ? values[spec.idColumn!] : undefined;
    if (!rejected && typeof id === "string") {
      if (firstSeen.has(id)) {
        const first = firstSeen.get(id);
        problem(
          spec.idColumn,
          `duplicate id ${id}${first !== undefined ? ` (first on line ${first})` : ""}; the later record was rejected`,
          "error",
          "duplicate_id",
        );
      } else firstSeen.set(id, line ?? record);
    }
    const fragment = rejected
      ? undefined
      : spec.map({ values, attributes, origin: line !== undefined ? { file: report.file, line } : { file: report.file }, problem });
    if (rejected || fragment === undefined) {
      report.rejected++;
      return;
    }
    report.loaded++;
    sink(fragment);
  };
  return {
    map(rows, sink) {
      for (const row of rows) {
        line = row.line;
        record = row.record;
        for (let s = 0; s < slotNames.length; s++) slots[s] = valueOf(row, slotNames[s]!);
        mapSlots(sink);
      }
    },
    mapCells(chunk, sink) {
      record = undefined;
      const n = slotPositions.length;
      for (let r = 0; r < chunk.cells.length; r++) {
        const cells = chunk.cells[r]!;
        line = chunk.lines[r];
        for (let s = 0; s < n; s++) {
          const p = slotPositions[s]!;
          slots[s] = p >= 0 ? cells[p] : undefined;
        }
        mapSlots(sink);
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
