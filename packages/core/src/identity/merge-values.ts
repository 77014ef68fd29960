import type { ConsentState } from "../schemas/index.js";
import { formatSourceKey, type SourceKey } from "../source-key.js";
import { instantToEpochMs, type AttributeValue } from "../values.js";
import { cmp } from "./cluster-index.js";
import type { EntityIdentityConfig, MergePolicy } from "./identity-config.js";

/** One source record's values, as the field merge sees them. */
export interface MergeCandidate {
  readonly sourceKey: SourceKey;
  readonly namespace: string;
  readonly value: string;
  readonly updatedAt: string | null | undefined;
  /** Standard fields (without id, attributes, sourceKeys, consent). */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly attributes: Readonly<Record<string, AttributeValue>> | undefined;
  /** A stable text of the whole record: the last tie-break between copies of one record. */
  readonly fingerprint: string;
}

const isPresent = (v: unknown): boolean => v !== undefined && v !== null && v !== "";

function rankIn(list: readonly string[], item: string): number {
  const i = list.indexOf(item);
  return i >= 0 ? i : list.length;
}

function timeOf(c: MergeCandidate): number {
  const ms = typeof c.updatedAt === "string" ? instantToEpochMs(c.updatedAt) : Number.NaN;
  return Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY;
}

/** Orders candidates for a policy: best first. The order never depends on input order. */
export function orderCandidates(candidates: readonly MergeCandidate[], config: EntityIdentityConfig, policy: MergePolicy): MergeCandidate[] {
  const precedence = (a: MergeCandidate, b: MergeCandidate) =>
    rankIn(config.sourcePrecedence, a.sourceKey.system) - rankIn(config.sourcePrecedence, b.sourceKey.system) ||
    cmp(a.sourceKey.system, b.sourceKey.system) ||
    rankIn(config.idPriority, a.namespace) - rankIn(config.idPriority, b.namespace) ||
    cmp(a.namespace, b.namespace) ||
    cmp(a.value, b.value) ||
    timeOf(b) - timeOf(a) ||
    cmp(a.fingerprint, b.fingerprint);
  const sorted = [...candidates];
  if (policy === "mostRecent") sorted.sort((a, b) => timeOf(b) - timeOf(a) || precedence(a, b));
  else sorted.sort(precedence);
  return sorted;
}

/**
 * Merges the fields and attributes of one entity's records: each field takes
 * the first present value in the order of its policy (source precedence or
 * most recent `updatedAt`). Returns the fields and the attributes.
 */
export function mergeCandidateValues(candidates: readonly MergeCandidate[], config: EntityIdentityConfig) {
  if (candidates.length === 1) return presentValuesOf(candidates[0]!);
  const orders = new Map<MergePolicy, MergeCandidate[]>();
  const orderFor = (field: string) => {
    const policy = config.fieldPolicies[field] ?? config.defaultPolicy;
    let order = orders.get(policy);
    if (!order) orders.set(policy, (order = orderCandidates(candidates, config, policy)));
    return order;
  };
  const fields: Record<string, unknown> = {};
  const fieldNames = new Set(candidates.flatMap((c) => Object.keys(c.fields)));
  for (const field of [...fieldNames].sort(cmp)) {
    const winner = orderFor(field).find((c) => isPresent(c.fields[field]));
    if (winner) fields[field] = winner.fields[field];
  }
  const attributes: Record<string, AttributeValue> = {};
  const attributeNames = new Set(candidates.flatMap((c) => Object.keys(c.attributes ?? {})));
  for (const name of [...attributeNames].sort(cmp)) {
    // own values only: an attribute may be named `constructor` or `toString`
    const winner = orderFor(name).find((c) => c.attributes !== undefined && Object.hasOwn(c.attributes, name) && isPresent(c.attributes[name]));
    if (winner) attributes[name] = winner.attributes![name]!;
  }
  return { fields, attributes };
}

/** The one record's present values, in the same shape and key order as a merge of several. */
function presentValuesOf(candidate: MergeCandidate) {
  const fields: Record<string, unknown> = {};
  for (const field of Object.keys(candidate.fields).sort(cmp)) {
    if (isPresent(candidate.fields[field])) fields[field] = candidate.fields[field];
  }
  const attributes: Record<string, AttributeValue> = {};
  for (const name of Object.keys(candidate.attributes ?? {}).sort(cmp)) {
    if (isPresent(candidate.attributes![name])) attributes[name] = candidate.attributes![name]!;
  }
  return { fields, attributes };
}

/**
 * Merges consent conservatively, channel by channel: `denied` if any record
 * denies (an opt-out anywhere wins), else `granted` if any grants, else `unknown`.
 */
export function mergeConsent(consents: readonly (Readonly<Record<string, ConsentState>> | undefined)[]): Record<string, ConsentState> {
  const out: Record<string, ConsentState> = {};
  const strength: Record<ConsentState, number> = { unknown: 0, granted: 1, denied: 2 };
  for (const consent of consents) {
    for (const [channel, state] of Object.entries(consent ?? {})) {
      const current = out[channel];
      if (current === undefined || strength[state] > strength[current]) out[channel] = state;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => cmp(a, b)));
}

/** Every distinct source key, sorted by their one-string form. */
export function mergeSourceKeys(keys: Iterable<SourceKey>): SourceKey[] {
  const byText = new Map<string, SourceKey>();
  for (const key of keys) byText.set(formatSourceKey(key), key);
  return [...byText.entries()].sort(([a], [b]) => cmp(a, b)).map(([, key]) => key);
}
