import type { Consent, ConsentState } from "@abm-kit/core";

/**
 * Merges the consent states one person has in several sources, conservatively:
 * any `"denied"` wins (an opt-out anywhere is an opt-out), else any `"granted"`
 * gives `"granted"`, else `"unknown"` (also for an empty list).
 */
export function mergeConsent(states: Iterable<ConsentState | null | undefined>): ConsentState {
  let granted = false;
  for (const state of states) {
    if (state === "denied") return "denied";
    if (state === "granted") granted = true;
  }
  return granted ? "granted" : "unknown";
}

/**
 * Merges whole consent records (channel → state) of one person from several
 * sources, channel by channel with {@link mergeConsent}. A channel missing in a
 * record counts as `"unknown"` there. Channels come out in ascending order.
 */
export function mergeConsentRecords(records: Iterable<Consent | null | undefined>): Consent {
  const byChannel = new Map<string, ConsentState[]>();
  for (const record of records) {
    if (record === null || record === undefined) continue;
    for (const [channel, state] of Object.entries(record)) {
      const states = byChannel.get(channel);
      if (states === undefined) byChannel.set(channel, [state]);
      else states.push(state);
    }
  }
  const merged: Consent = {};
  for (const channel of [...byChannel.keys()].sort()) merged[channel] = mergeConsent(byChannel.get(channel)!);
  return merged;
}
