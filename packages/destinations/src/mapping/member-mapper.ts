import { STANDARD_FIELDS, type Snapshot, type Table } from "@abm-kit/core";
import type { MappingTarget } from "../definition/mapping-target.js";
import type { CellValue, DestinationMember } from "../definition/member.js";
import { applyTransforms } from "./apply-transforms.js";
import type { FieldMapping } from "./field-mapping.js";
import { SOURCE_KEYS_FIELD, sourceKeysGetter } from "./source-keys-getter.js";

/** Why a member was not sent. */
export type SkipReason = "notInSnapshot" | "missingRequiredField" | "noConsent" | "excluded";

/** A member row that could be mapped, or the reason it could not. */
export type MappedMember =
  | { readonly ok: true; readonly member: DestinationMember }
  | { readonly ok: false; readonly memberId: string; readonly reason: SkipReason; readonly detail: string };

/** A field a mapping reads, with the labels its column carries (for governance). */
export interface MappingFieldUse {
  readonly index: number;
  readonly path: string;
  readonly labels: readonly string[];
}

type Getter = (row: number) => CellValue;

/** The data-usage labels of `entity.field` in this Snapshot (the column's, else the standard field's). */
export function labelsOfSource(snapshot: Snapshot, source: string): readonly string[] {
  if (source === "id") return [];
  const [entity, ...rest] = source.split(".");
  const field = rest.join(".");
  const table = entity === "account" ? snapshot.accounts : snapshot.persons;
  const column = table.column(field);
  if (column !== undefined) return column.labels;
  const standard = STANDARD_FIELDS[entity === "account" ? "account" : "person"][field];
  return standard?.labels ?? [];
}

/** Every source field a mapping reads, with its labels. */
export function mappingFieldUses(snapshot: Snapshot, mapping: readonly FieldMapping[]): MappingFieldUse[] {
  return mapping.flatMap((m, index) => (m.source === undefined ? [] : [{ index, path: m.source, labels: labelsOfSource(snapshot, m.source) }]));
}

/**
 * Maps members of one audience type to destination fields. Built once per
 * audience (the column lookups are resolved up front), then called per member.
 */
export class MemberMapper {
  private readonly table: Table;
  private readonly getters: { target: string; get: Getter; transforms: FieldMapping["transforms"] }[];
  private readonly targets: ReadonlyMap<string, MappingTarget>;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly type: "account" | "person",
    mapping: readonly FieldMapping[],
    targets: readonly MappingTarget[],
    /** Person audiences: the account row `account.*` sources read for a person row (default: the person's first account). */
    private readonly accountRowOf?: (personRow: number) => number | undefined,
  ) {
    this.table = type === "account" ? snapshot.accounts : snapshot.persons;
    this.targets = new Map(targets.map((t) => [t.name, t]));
    this.getters = mapping.map((m) => ({ target: m.target, get: this.getterOf(m), transforms: m.transforms }));
  }

  /** The Snapshot row of a member id, or -1. */
  rowOf(memberId: string): number {
    return this.table.indexOf(memberId);
  }

  /** Maps one member (by row); a missing required target makes it a skip. */
  map(memberId: string, row: number): MappedMember {
    if (row < 0) return { ok: false, memberId, reason: "notInSnapshot", detail: `no ${this.type} with this id in the snapshot` };
    const fields: Record<string, CellValue> = {};
    for (const g of this.getters) {
      let value = applyTransforms(g.get(row), g.transforms);
      const target = this.targets.get(g.target);
      if (target !== undefined) value = coerce(value, target);
      fields[g.target] = value;
    }
    for (const target of this.targets.values()) {
      const v = fields[target.name];
      if (target.required && (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0))) {
        return { ok: false, memberId, reason: "missingRequiredField", detail: `no value for required field ${target.name}` };
      }
    }
    return { ok: true, member: { memberId, fields } };
  }

  private getterOf(m: FieldMapping): Getter {
    if (m.value !== undefined) {
      const constant = m.value;
      return () => constant;
    }
    const source = m.source!;
    if (source === "id") return (row) => this.table.id(row);
    const [entity, ...rest] = source.split(".");
    const field = rest.join(".");
    if (field === "id") {
      if (entity === this.type) return (row) => this.table.id(row);
      return this.viaAccount((accountRow) => this.snapshot.accounts.id(accountRow));
    }
    if (entity === this.type && field === SOURCE_KEYS_FIELD && this.table.column(field) === undefined) return sourceKeysGetter(this.table);
    if (entity === this.type) return (row) => this.table.value(row, field) ?? null;
    if (entity === "account" && this.type === "person") {
      return this.viaAccount((accountRow) => this.snapshot.accounts.value(accountRow, field) ?? null);
    }
    // person.* on an account audience has no single value
    return () => null;
  }

  private viaAccount(read: (accountRow: number) => CellValue): Getter {
    return (row) => {
      const chosen = this.accountRowOf?.(row);
      if (chosen !== undefined) return read(chosen);
      const accounts = this.snapshot.accountsOf(row);
      return accounts.length === 0 ? null : read(accounts[0]!);
    };
  }
}

function coerce(value: CellValue, target: MappingTarget): CellValue {
  if (value === null) return null;
  switch (target.type) {
    case "string": {
      const text = Array.isArray(value) ? value.join(";") : String(value);
      return target.maxLength !== undefined ? [...text].slice(0, target.maxLength).join("") : text;
    }
    case "number": {
      const n = typeof value === "number" ? value : Number(value);
      return Number.isFinite(n) ? n : null;
    }
    case "boolean":
      return typeof value === "boolean" ? value : value === "true" ? true : value === "false" ? false : null;
    case "strings":
      return Array.isArray(value) ? value : [String(value)];
  }
}
