import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import { isJsNumberSql, jsNumberSql, jsNumberTextSql } from "./js-number-sql.js";

/** Property names an event table never takes (the builder ignores them with a `reserved_name` warning). */
const RESERVED = ["id", "type", "occurredAt", "sourceKeys"];

/** An event property column and its type, in the order the in-memory builder creates them. */
export interface EventProperty {
  readonly name: string;
  readonly type: "string" | "number" | "boolean";
}

/**
 * From `<prefix>raw` (candidate property values), `<prefix>src` (`ref`, `part`,
 * `record`: the load order) and `<prefix>owner_ids` (`ref`, `entity_id`),
 * writes `<prefix>cells (ref, name, s, n, b, bad)`: each event's value of each
 * property, typed as the Snapshot's event table types it. The type of a
 * property is the type of its first present value in load order among the
 * events whose owner resolved (as `toSnapshot` infers it); a value that does
 * not fit (a text that is not a number in a number property, anything but a
 * boolean in a boolean property) is `bad`, and its event is left out, as the
 * builder rejects it. `nameOf` turns a raw key into a property name (run in
 * Node.js over the distinct keys); fixed rows keep their key.
 * Returns the properties in the order their columns are created.
 */
export async function eventCellsSql(run: SqlRunner, d: WarehouseDialect, prefix: string, nameOf: (key: string) => string): Promise<EventProperty[]> {
  const q = d.quote;
  const t = (name: string) => q(`${prefix}${name}`);
  const keys = await run(`SELECT DISTINCT key FROM ${t("raw")} WHERE NOT fixed`);
  await run(`CREATE TABLE ${t("names")} (key VARCHAR, name VARCHAR)`);
  const pairs = keys.map((k) => `(${d.literal(String(k.key))}, ${d.literal(nameOf(String(k.key)))})`);
  for (let i = 0; i < pairs.length; i += 500) await run(`INSERT INTO ${t("names")} VALUES ${pairs.slice(i, i + 500).join(", ")}`);
  await run(
    `CREATE TABLE ${t("prop")} AS SELECT ref, name, kind, txt, num, prio, pos FROM (SELECT w.*, row_number() OVER (PARTITION BY ref, name ORDER BY prio DESC, pos DESC) AS rn FROM (SELECT x.ref, CASE WHEN x.fixed THEN x.key ELSE n.name END AS name, x.kind, x.txt, x.num, x.prio, x.pos FROM ${t("raw")} x LEFT JOIN ${t("names")} n ON n.key = x.key) w) v WHERE rn = 1 AND kind <> 'null' AND name NOT IN (${RESERVED.map((r) => d.literal(r)).join(", ")})`,
  );
  await run(
    `CREATE TABLE ${t("types")} AS SELECT name, kind, part, record, prio, pos FROM (SELECT p.name, p.kind, s.part, s.record, p.prio, p.pos, row_number() OVER (PARTITION BY p.name ORDER BY s.part, s.record) AS rn FROM ${t("prop")} p JOIN ${t("src")} s ON s.ref = p.ref JOIN ${t("owner_ids")} o ON o.ref = p.ref WHERE o.entity_id IS NOT NULL) v WHERE rn = 1`,
  );
  const number = `CASE p.kind WHEN 'number' THEN p.num WHEN 'string' THEN CASE WHEN ${isJsNumberSql(d, "p.txt")} THEN ${jsNumberSql(d, "p.txt")} END END`;
  await run(
    `CREATE TABLE ${t("cells")} AS SELECT p.ref, p.name,
  CASE WHEN y.kind = 'string' THEN CASE WHEN p.kind = 'number' THEN ${jsNumberTextSql(d, "p.num")} ELSE p.txt END END AS s,
  CASE WHEN y.kind = 'number' THEN ${number} END AS n,
  CASE WHEN y.kind = 'boolean' AND p.kind = 'boolean' THEN p.txt = 'true' END AS b,
  (y.kind = 'number' AND (${number}) IS NULL) OR (y.kind = 'boolean' AND p.kind <> 'boolean') AS bad
FROM ${t("prop")} p JOIN ${t("types")} y ON y.name = p.name`,
  );
  const types = await run(`SELECT name, kind FROM ${t("types")} ORDER BY part, record, prio, pos, name`);
  return types.map((r) => ({ name: String(r.name), type: r.kind as EventProperty["type"] }));
}
