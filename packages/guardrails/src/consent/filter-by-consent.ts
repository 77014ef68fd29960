import { CONSENT_COLUMN_PREFIX, parseOrThrow, type Snapshot } from "@abm-kit/core";
import { ConsentRuleSchema, type ConsentRule } from "./consent-rule.js";

/** The people a consent rule keeps, and how many it dropped. */
export interface ConsentFilterResult {
  /** Person rows allowed on the channel, in input order. */
  readonly allowed: number[];
  /** How many input rows were dropped (denied, unknown when not allowed, or not a person row). */
  readonly dropped: number;
}

/**
 * Keeps the persons allowed on `rule.channel` (see {@link ConsentRule}) and
 * counts the rest. A row that is not a person row of the Snapshot is dropped
 * and counted, never silently kept. An invalid rule raises a `ValidationError`.
 */
export function filterByConsent(snapshot: Snapshot, personRows: Iterable<number>, rule: ConsentRule): ConsentFilterResult {
  const { channel, allowUnknown = true } = parseOrThrow(ConsentRuleSchema, rule, "consent rule");
  const column = snapshot.persons.column(CONSENT_COLUMN_PREFIX + channel);
  const size = snapshot.persons.size;
  const grantedCode = column?.type === "string" ? column.dictionary.codeOf("granted") : -1;
  const deniedCode = column?.type === "string" ? column.dictionary.codeOf("denied") : -1;
  const codes = column?.type === "string" ? column.codes : undefined;
  const allowed: number[] = [];
  let dropped = 0;
  for (const row of personRows) {
    if (!Number.isInteger(row) || row < 0 || row >= size) {
      dropped++;
      continue;
    }
    const code = codes === undefined ? -1 : codes[row]!;
    const state = code < 0 ? "unknown" : code === grantedCode ? "granted" : code === deniedCode ? "denied" : "unknown";
    const keep = state === "granted" || (state === "unknown" && allowUnknown);
    if (keep) allowed.push(row);
    else dropped++;
  }
  return { allowed, dropped };
}
