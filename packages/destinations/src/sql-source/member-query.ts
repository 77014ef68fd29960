import { fieldColumnNames, type SqlLayout } from "@abm-kit/audience-sql";
import { dialectOf, TABLE_NAMES } from "@abm-kit/audience-sql/internal";
import type { MemberColumn } from "./member-columns.js";

/** The dialects a SQL member source writes its queries for. */
export type MemberQueryDialect = "duckdb" | "postgres";

/** An instant (UTC wall time) or a date as the ISO text the Snapshot gives it (`2026-03-31T12:00:00.000Z`, `2026-03-31`). */
const ISO_TEXT: Readonly<Record<MemberQueryDialect, Record<"instant" | "date", (x: string) => string>>> = {
  duckdb: { instant: (x) => `strftime(${x}, '%Y-%m-%dT%H:%M:%S.%gZ')`, date: (x) => `strftime(${x}, '%Y-%m-%d')` },
  postgres: { instant: (x) => `to_char(${x}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`, date: (x) => `to_char(${x}, 'YYYY-MM-DD')` },
};

/** Where the members of a member query come from: the compiled audience query, or a list of ids bound as parameters. */
export type MemberRows = { readonly kind: "audience"; readonly sql: string } | { readonly kind: "ids"; readonly count: number; readonly firstParam: number };

/**
 * The query that reads members with their selected columns: `id`, then each
 * column in order (instants and dates as ISO text), ordered by id in code-unit
 * order. The member rows are the audience query's ids joined to the
 * accounts or persons table, or the rows whose id is one of the parameters.
 * A person's first account is the lowest id among the accounts of its active
 * links (`isActive` not false), as the Snapshot's `accountsOf` gives it.
 */
export function memberQuery(
  dialectName: MemberQueryDialect,
  layout: SqlLayout,
  type: "account" | "person",
  columns: readonly MemberColumn[],
  rows: MemberRows,
): string {
  const dialect = dialectOf(dialectName);
  const q = dialect.quote;
  const own = type === "account" ? layout.accounts : layout.persons;
  const ownColumns = fieldColumnNames(own);
  const accountColumns = fieldColumnNames(layout.accounts);
  const table = q(type === "account" ? TABLE_NAMES.accounts : TABLE_NAMES.persons);
  const needsAccount = columns.some((c) => c.table === "firstAccount");

  const iso = (c: MemberColumn, x: string) => (c.type === "instant" || c.type === "date" ? ISO_TEXT[dialectName][c.type](x) : x);
  const from = rows.kind === "audience" ? `(\n${rows.sql}\n) AS m\nJOIN ${table} AS x ON x.id = m.id` : `${table} AS x`;
  const where =
    rows.kind === "ids"
      ? `\nWHERE x.id IN (${Array.from({ length: rows.count }, (_, i) => dialect.cast(dialect.placeholder(rows.firstParam + i), "text")).join(", ")})`
      : "";
  const inner = ["x.id AS id"];
  columns.forEach((c, i) => {
    if (c.table === "member") inner.push(`${iso(c, `x.${q(ownColumns.get(c.field) ?? c.field)}`)} AS c${i}`);
  });
  if (!needsAccount) return `SELECT ${inner.join(", ")}\nFROM ${from}${where}\nORDER BY ${dialect.binaryText("x.id")}`;
  // a person's first account: its id in a column of the inner query (so no correlated join), its fields joined outside
  const active = Object.hasOwn(layout.links, "isActive") ? `COALESCE(l.${q(fieldColumnNames(layout.links).get("isActive")!)}, TRUE)` : "TRUE";
  inner.push(
    `(SELECT l._account_id FROM ${q(TABLE_NAMES.links)} AS l JOIN ${q(TABLE_NAMES.accounts)} AS la ON la.id = l._account_id` +
      ` WHERE l._person_id = x.id AND ${active} ORDER BY ${dialect.binaryText("l._account_id")} LIMIT 1) AS first_account`,
  );
  const outer = ["y.id AS id"];
  columns.forEach((c, i) => {
    if (c.table === "member") outer.push(`y.c${i} AS c${i}`);
    else outer.push(`${iso(c, c.field === "id" ? "fa.id" : `fa.${q(accountColumns.get(c.field) ?? c.field)}`)} AS c${i}`);
  });
  return (
    `SELECT ${outer.join(", ")}\nFROM (\nSELECT ${inner.join(", ")}\nFROM ${from}${where}\n) AS y\n` +
    `LEFT JOIN ${q(TABLE_NAMES.accounts)} AS fa ON fa.id = y.first_account\nORDER BY ${dialect.binaryText("y.id")}`
  );
}
