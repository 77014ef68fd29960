import type { TargetType } from "../definition/mapping-target.js";
import type { CellValue } from "../definition/member.js";

/** A column of an export file: its name and value type. */
export interface ExportColumn {
  readonly name: string;
  readonly type: TargetType;
}

/** One row of an export file, in column order. */
export type ExportRow = readonly CellValue[];

/** A cell as text (CSV): missing is empty, lists are joined with `;`. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join(";");
  return String(value);
}
