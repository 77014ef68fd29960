import { STANDARD_FIELDS, ValidationError, type FieldType, type Problem } from "@abm-kit/core";
import type { EntitySource } from "./entity-exports.js";

/** A value column of a unified entity: its Snapshot field, its alias in the work tables, its type. */
export interface PlannedColumn {
  readonly name: string;
  readonly alias: string;
  readonly type: FieldType;
  /** Attributes the files declare get a column even without values; the others only when some entity has a value. */
  readonly declared: boolean;
}

/** The standard fields and attributes the unified persons or accounts of these sources have. */
export interface EntityPlan {
  readonly kind: "person" | "account";
  readonly fields: readonly PlannedColumn[];
  readonly attributes: readonly PlannedColumn[];
}

const RESERVED = new Set(["id", "sourceKeys"]);

/**
 * The columns of the unified entities of one kind: every standard field, and
 * every attribute of the sources (a name the Snapshot reserves — a standard
 * field, `id`, `sourceKeys` — is left out, as the Snapshot builder drops it).
 * An attribute with two types in different files cannot be one column: that is
 * a `ValidationError` naming each (declare one type with `fieldTypes`).
 */
export function planEntity(kind: "person" | "account", sources: readonly EntitySource[]): EntityPlan {
  const standard = STANDARD_FIELDS[kind];
  const fields = Object.entries(standard).map(([name, def], i): PlannedColumn => ({ name, alias: `f${i}`, type: def.type, declared: true }));
  const types = new Map<string, { type: FieldType; table: string; declared: boolean }>();
  const problems: Problem[] = [];
  for (const source of sources) {
    for (const [name, { type }] of Object.entries(source.attributes)) {
      if (Object.hasOwn(standard, name) || RESERVED.has(name)) continue;
      const declared = Object.hasOwn(source.declared, name);
      const before = types.get(name);
      if (before === undefined) types.set(name, { type, table: source.table, declared });
      else if (before.type !== type)
        problems.push({
          path: [kind, name],
          message: `attribute ${name} is ${before.type} in ${before.table} and ${type} in ${source.table}; declare one type for it (fieldTypes)`,
        });
      else if (declared && !before.declared) types.set(name, { ...before, declared });
    }
  }
  if (problems.length > 0) throw new ValidationError(`the merge of ${kind} attributes`, problems);
  const attributes = [...types.entries()].map(([name, t], i): PlannedColumn => ({ name, alias: `a${i}`, type: t.type, declared: t.declared }));
  return { kind, fields, attributes };
}
