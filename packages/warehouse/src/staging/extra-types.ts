import type { FieldType } from "@abm-kit/core";
import type { ObjectSpec } from "@abm-kit/sources";

/** The columns of a file outside the spec's columns that are kept (none when the spec ignores extras). */
export function keptExtraColumns(spec: ObjectSpec, columns: readonly string[]): string[] {
  return spec.keepsExtras === false ? [] : columns.filter((c) => !Object.hasOwn(spec.columns, c));
}

/** The kept extra columns whose type is not declared: their type is inferred from the values. */
export function undeclaredExtraColumns(spec: ObjectSpec, columns: readonly string[], declared: Readonly<Record<string, FieldType>> = {}): string[] {
  return keptExtraColumns(spec, columns).filter((c) => !Object.hasOwn(declared, c));
}
