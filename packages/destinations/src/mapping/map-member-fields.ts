import type { MappingTarget } from "../definition/mapping-target.js";
import type { CellValue } from "../definition/member.js";
import { applyTransforms } from "./apply-transforms.js";
import type { FieldMapping } from "./field-mapping.js";
import type { MappedMember } from "./member-mapper.js";

/** One mapped field: how its raw value is read, the target it fills and its transforms. */
export interface FieldReader<Read> {
  readonly target: string;
  readonly get: Read;
  readonly transforms: FieldMapping["transforms"];
}

/**
 * Maps one member's fields: reads each mapped value (`read` calls a field's
 * reader on the member's data), applies its transforms, coerces it to the
 * declared target's type, and turns a missing required target into a skip.
 * The Snapshot mapper and the SQL member source share it, so both map alike.
 */
export function mapMemberFields<Read>(
  memberId: string,
  readers: readonly FieldReader<Read>[],
  targets: ReadonlyMap<string, MappingTarget>,
  read: (get: Read) => CellValue,
): MappedMember {
  const fields: Record<string, CellValue> = {};
  for (const g of readers) {
    let value = applyTransforms(read(g.get), g.transforms);
    const target = targets.get(g.target);
    if (target !== undefined) value = coerce(value, target);
    fields[g.target] = value;
  }
  for (const target of targets.values()) {
    const v = fields[target.name];
    if (target.required && (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0))) {
      return { ok: false, memberId, reason: "missingRequiredField", detail: `no value for required field ${target.name}` };
    }
  }
  return { ok: true, member: { memberId, fields } };
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
