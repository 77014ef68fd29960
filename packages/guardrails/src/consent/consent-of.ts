import { CONSENT_COLUMN_PREFIX, type ConsentState, type Snapshot } from "@abm-kit/core";

/**
 * A person's consent on `channel`, read from the Snapshot column
 * `consent.<channel>`. No such column, a missing value, a row out of range or a
 * value that is not a consent state all read as `"unknown"`.
 */
export function consentOf(snapshot: Snapshot, personRow: number, channel: string): ConsentState {
  const column = snapshot.persons.column(CONSENT_COLUMN_PREFIX + channel);
  if (column === undefined || column.type !== "string") return "unknown";
  if (!Number.isInteger(personRow) || personRow < 0 || personRow >= column.length) return "unknown";
  const value = column.value(personRow);
  return value === "granted" || value === "denied" ? value : "unknown";
}
