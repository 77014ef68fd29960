import { CONSENT_COLUMN_PREFIX, type FieldType } from "@abm-kit/core";
import type { SqlLayout } from "@abm-kit/audience-sql";
import type { FieldMapping } from "../mapping/field-mapping.js";
import { SOURCE_KEYS_FIELD } from "../mapping/source-keys-getter.js";

/** A column the member query selects: a field of the member's own row, or of a person's first account. */
export interface MemberColumn {
  readonly table: "member" | "firstAccount";
  readonly field: string;
  readonly type: FieldType;
}

/** How one mapped value is read from a member's row: its id, a constant, or a selected column (by position after `id`). */
export type ValueRead =
  | { readonly kind: "id" }
  | { readonly kind: "constant"; readonly value: string | number | boolean | null }
  | { readonly kind: "column"; readonly index: number };

/** What the member query selects for a mapping (and a consent channel), and how each mapped value is read. */
export interface MemberColumns {
  readonly columns: readonly MemberColumn[];
  /** One per mapping, in mapping order. */
  readonly reads: readonly ValueRead[];
  /** The consent column's position, when the rule's channel has a column. */
  readonly consent: number | undefined;
}

/**
 * The columns the member query of an audience of `type` selects: only those
 * the mapping reads and the consent channel's, each once. A source reads as
 * the Snapshot mapper does: `id` and `<type>.id` the member id; `<type>.<field>`
 * the member's column; on a person audience `account.<field>` the column of the
 * person's first active account (lowest id); a field the table does not have,
 * and `person.*` on an account audience, read as missing.
 */
export function memberColumns(
  layout: SqlLayout,
  type: "account" | "person",
  mapping: readonly FieldMapping[],
  consentChannel: string | undefined,
): MemberColumns {
  const columns: MemberColumn[] = [];
  const positions = new Map<string, number>();
  const column = (table: MemberColumn["table"], field: string, fieldType: FieldType): ValueRead => {
    const key = `${table}\u0000${field}`;
    let index = positions.get(key);
    if (index === undefined) {
      index = columns.length;
      columns.push({ table, field, type: fieldType });
      positions.set(key, index);
    }
    return { kind: "column", index };
  };
  const own = type === "account" ? layout.accounts : layout.persons;
  const reads = mapping.map((m): ValueRead => {
    if (m.value !== undefined) return { kind: "constant", value: m.value };
    const source = m.source!;
    if (source === "id") return { kind: "id" };
    const [entity, ...rest] = source.split(".");
    const field = rest.join(".");
    if (entity === type) {
      if (field === "id") return { kind: "id" };
      const fieldType = Object.hasOwn(own, field) ? own[field] : undefined;
      return fieldType === undefined ? { kind: "constant", value: null } : column("member", field, fieldType);
    }
    if (entity === "account" && type === "person") {
      if (field === "id") return column("firstAccount", "id", "string");
      const fieldType = Object.hasOwn(layout.accounts, field) ? layout.accounts[field] : undefined;
      return fieldType === undefined ? { kind: "constant", value: null } : column("firstAccount", field, fieldType);
    }
    return { kind: "constant", value: null }; // person.* on an account audience has no single value
  });
  let consent: number | undefined;
  if (type === "person" && consentChannel !== undefined) {
    const field = CONSENT_COLUMN_PREFIX + consentChannel;
    const fieldType = Object.hasOwn(layout.persons, field) ? layout.persons[field] : undefined;
    // the Snapshot reads consent only from a text column: any other type leaves every person's consent unknown
    if (fieldType === "string") {
      const read = column("member", field, fieldType);
      consent = read.kind === "column" ? read.index : undefined;
    }
  }
  return { columns, reads, consent };
}

/** Why a SQL member source of this type cannot read a mapping source, or undefined. */
export function unsupportedSqlSource(layout: SqlLayout, type: "account" | "person", source: string): string | undefined {
  const own = type === "account" ? layout.accounts : layout.persons;
  if (source === `${type}.${SOURCE_KEYS_FIELD}` && !Object.hasOwn(own, SOURCE_KEYS_FIELD))
    return `${source} (the source keys) is not in the SQL tables; map another field, or read the audience from the Snapshot`;
  return undefined;
}
