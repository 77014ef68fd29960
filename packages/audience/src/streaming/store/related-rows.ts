import { normalizeDuns, registrableDomain, type FieldType, type RelatedTable, type RelatedTableDefinition } from "@abm-kit/core";
import type { TypedValue } from "../typed-value.js";
import { columnTypes, columnValue, type RowSource } from "./column-value.js";
import type { TypedRecord } from "./live-table.js";

const EMPTY: readonly number[] = [];

/** How a related table's key (or an owner's field) becomes a matching key: as is, as a registrable domain, as a DUNS number. */
export function normalizeRelatedKey(keyedBy: RelatedTableDefinition["keyedBy"], key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (keyedBy === "domain") return registrableDomain(key);
  if (keyedBy === "duns") return normalizeDuns(key);
  return key;
}

/**
 * The rows of one declared related table: the Snapshot's rows plus added ones,
 * indexed by normalized key. An owner's rows are looked up by its own key (its
 * id, or its account's domain / DUNS), so an account whose domain changes
 * finds its new rows.
 */
export class RelatedRows implements RowSource {
  readonly label: string;
  readonly definition: RelatedTableDefinition;
  readonly ownerKind: "account" | "person";
  private readonly types: Map<string, FieldType>;
  private readonly added: TypedRecord[] = [];
  private readonly byKey = new Map<string, number[]>();

  constructor(private readonly seed: RelatedTable) {
    this.definition = seed.definition;
    this.ownerKind = seed.ownerKind;
    this.label = `related:${seed.definition.name}`;
    this.types = columnTypes(seed.table);
    const keys = seed.table.column("key");
    for (let row = 0; row < seed.table.size; row++) {
      const key = keys === undefined ? undefined : columnValue(keys, row);
      this.index(typeof key === "string" ? key : undefined, row);
    }
  }

  /** How many rows there are (seed and added). */
  get size(): number {
    return this.seed.table.size + this.added.length;
  }

  fieldType(field: string): FieldType | undefined {
    return this.types.get(field);
  }

  /** Declares the type of a field first seen in a change. */
  declareField(field: string, type: FieldType): void {
    if (!this.types.has(field)) this.types.set(field, type);
  }

  value(row: number, field: string): TypedValue {
    if (row >= this.seed.table.size) return this.added[row - this.seed.table.size]!.get(field);
    const column = this.seed.table.column(field);
    return column === undefined ? undefined : columnValue(column, row);
  }

  /** The rows matching an owner's normalized key. */
  rowsOfKey(normalizedKey: string | undefined): readonly number[] {
    return normalizedKey === undefined ? EMPTY : (this.byKey.get(normalizedKey) ?? EMPTY);
  }

  /** Adds a row; returns its normalized key (undefined when it can match no owner). */
  add(record: TypedRecord): string | undefined {
    const row = this.seed.table.size + this.added.length;
    this.added.push(record);
    const key = record.get("key");
    return this.index(typeof key === "string" ? key : undefined, row);
  }

  private index(key: string | undefined, row: number): string | undefined {
    const normalized = normalizeRelatedKey(this.definition.keyedBy, key);
    if (normalized === undefined) return undefined;
    const rows = this.byKey.get(normalized);
    if (rows === undefined) this.byKey.set(normalized, [row]);
    else rows.push(row);
    return normalized;
  }
}
