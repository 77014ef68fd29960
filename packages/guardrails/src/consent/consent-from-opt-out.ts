import type { ConsentState } from "@abm-kit/core";

/**
 * The consent state a source's opt-out flag implies (Salesforce
 * `HasOptedOutOfEmail`, Marketo `unsubscribed`): `true` → `"denied"`. A `false`
 * flag does not prove consent was given, so it gives `"unknown"` unless
 * `falseMeansGranted` is set (for sources whose flag is a real opt-in record).
 * Strings `"true"`/`"1"`/`"false"`/`"0"` (as CSV exports write them) are read too;
 * anything else is `"unknown"`.
 */
export function consentFromOptOut(optedOut: boolean | string | number | null | undefined, options: { falseMeansGranted?: boolean } = {}): ConsentState {
  const flag = readFlag(optedOut);
  if (flag === true) return "denied";
  if (flag === false && options.falseMeansGranted === true) return "granted";
  return "unknown";
}

function readFlag(value: boolean | string | number | null | undefined): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (text === "true" || text === "1" || text === "yes") return true;
    if (text === "false" || text === "0" || text === "no") return false;
  }
  return undefined;
}
