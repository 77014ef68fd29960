import type { FieldType } from "@abm-kit/core";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import { stagedColumns } from "./staged-columns.js";

/** A kept extra column of a staged table: an attribute, with the type the reader declares for it. */
export interface AttributeColumn {
  readonly name: string;
  readonly type: FieldType;
}

const DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
const INSTANT = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z$";

/**
 * The columns of a staged table outside `standard` (and `_record`): the
 * attributes the reader keeps, each with the type it declares. Numbers,
 * booleans and lists are told by their SQL type; a text column is a date or
 * an instant when every value is one (staging writes them as ISO text, and
 * the reader infers those types from the same values), unless `fieldTypes`
 * declares its type (pass what was passed to staging).
 */
export async function attributeColumns(
  run: SqlRunner,
  d: WarehouseDialect,
  table: string,
  standard: Iterable<string>,
  fieldTypes: Readonly<Record<string, FieldType>> = {},
): Promise<AttributeColumn[]> {
  const skip = new Set(["_record", ...standard]);
  const columns = (await stagedColumns(run, d, table)).filter((c) => !skip.has(c.name));
  const texts = columns.filter((c) => c.kind === "string" && !Object.hasOwn(fieldTypes, c.name));
  const shapes: Record<string, unknown> = {};
  if (texts.length > 0) {
    const tests = texts.flatMap((c, i) => {
      const v = d.quote(c.name);
      return [`coalesce(bool_and(${d.matches(v, DATE)}), FALSE) AS d${i}`, `coalesce(bool_and(${d.matches(v, INSTANT)}), FALSE) AS i${i}`];
    });
    Object.assign(shapes, (await run(`SELECT ${tests.join(", ")} FROM ${d.quote(table)}`))[0]);
  }
  return columns.map((c) => {
    if (Object.hasOwn(fieldTypes, c.name)) return { name: c.name, type: fieldTypes[c.name]! };
    if (c.kind === "list") return { name: c.name, type: "multi" };
    if (c.kind !== "string") return { name: c.name, type: c.kind };
    const i = texts.indexOf(c);
    return { name: c.name, type: shapes[`d${i}`] === true ? "date" : shapes[`i${i}`] === true ? "instant" : "string" };
  });
}
