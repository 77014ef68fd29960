import type { FieldType } from "@abm-kit/core";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { AttributeColumn } from "../layout/attribute-columns.js";

/** One staged table as rows of an entity: SQL over its columns (alias `s`) for each named output column, and its attributes. */
export interface StagedRows {
  readonly table: string;
  /** Output column → SQL over the staged row `s` (the layout fields and the work columns: id, references, …). */
  readonly columns: Readonly<Record<string, string>>;
  readonly attributes: readonly AttributeColumn[];
  /** Only rows where this holds. */
  readonly where?: string;
}

/** The SQL type staging stores a field type in (dates and instants as ISO text). */
export function storedType(d: WarehouseDialect, type: FieldType): string {
  return type === "number" ? d.doubleType : type === "boolean" ? "BOOLEAN" : type === "multi" ? d.textListType : "VARCHAR";
}

/**
 * The attributes of several staged tables as one set of fields: every kept
 * extra column is a declared field (so a column is there even when all its
 * values are blank, as the readers declare it); a name declared with two
 * types keeps the type whose declaration is the smaller JSON text, as the
 * identity graph does. Names of standard fields, `id` and `sourceKeys` are left
 * out (the Snapshot ignores such attributes).
 */
export function mergedAttributes(sources: readonly StagedRows[], standard: Iterable<string>): Record<string, FieldType> {
  const reserved = new Set(["id", "sourceKeys", ...standard]);
  const out: Record<string, FieldType> = {};
  for (const s of sources)
    for (const a of s.attributes) {
      if (reserved.has(a.name)) continue;
      const before = out[a.name];
      out[a.name] = before === undefined || JSON.stringify({ type: a.type }) < JSON.stringify({ type: before }) ? a.type : before;
    }
  return out;
}

/**
 * A UNION ALL of staged tables as rows with the same columns: `part` (the
 * table's position), `record` (`_record`), the `columns` of each (typed by
 * `types`; NULL where a table has none) and the attributes (NULL where a table
 * lacks one).
 */
export function stagedRowsSql(
  d: WarehouseDialect,
  sources: readonly StagedRows[],
  types: Readonly<Record<string, FieldType>>,
  attributes: Readonly<Record<string, FieldType>>,
): string {
  const q = d.quote;
  if (sources.length === 0) {
    // no file: no rows, with the columns
    const cells = [
      "0 AS part",
      "0 AS record",
      ...Object.entries({ ...types, ...attributes }).map(([name, type]) => `CAST(NULL AS ${storedType(d, type)}) AS ${q(name)}`),
    ];
    return `SELECT ${cells.join(", ")} WHERE FALSE`;
  }
  return sources
    .map((source, part) => {
      const own = new Set(source.attributes.map((a) => a.name));
      const cells = [
        `${part} AS part`,
        "s._record AS record",
        ...Object.entries(types).map(([name, type]) => `CAST(${source.columns[name] ?? "NULL"} AS ${storedType(d, type)}) AS ${q(name)}`),
        ...Object.entries(attributes).map(([name, type]) => `CAST(${own.has(name) ? `s.${q(name)}` : "NULL"} AS ${storedType(d, type)}) AS ${q(name)}`),
      ];
      return `SELECT ${cells.join(", ")} FROM ${q(source.table)} s${source.where ? ` WHERE ${source.where}` : ""}`;
    })
    .join("\nUNION ALL\n");
}
