import type { MergeRule } from "./identity-config.js";
import { identityKey, type IdentityRef } from "./identity-ref.js";
import { UnionFind } from "./union-find.js";

/** A value that held more records than its rule allows, so it merged nothing. */
export interface OverCapValue {
  readonly namespace: string;
  readonly value: string;
  /** Distinct records that hold it. */
  readonly records: number;
  readonly maxRecordsPerValue: number;
}

/** One reason records of a cluster are one entity: they share a value in a merge namespace, or are the same record. */
export interface ClusterMerge {
  /** The merge namespace (`email`, `salesforce.contact`, …), or `sameRecord` for repeated copies of one record. */
  readonly rule: string;
  readonly value: string;
  /** Record numbers (in the order added) that share it. */
  readonly records: readonly number[];
}

/**
 * The incremental identity index of one entity kind: which records hold which
 * identity values, and the connected components (union-find) of records that
 * share a value of a merge namespace. Adding a record unions it in place; only
 * when a value first exceeds its cap (a merge must be undone) are the
 * components recomputed from the index.
 */
export class ClusterIndex {
  private uf = new UnionFind();
  private readonly ownKeys: string[] = [];
  private readonly byOwnKey = new Map<string, number[]>();
  // Most values are held by one record of one owner: those are kept as the bare
  // number / key, and become an array / Set only when a second one appears.
  private readonly byValue = new Map<string, number | number[]>();
  private readonly ownersByValue = new Map<string, string | Set<string>>();
  private readonly rules: Map<string, number>;
  private stale = false;

  constructor(mergeOn: readonly MergeRule[]) {
    this.rules = new Map(mergeOn.map((r) => [r.namespace, r.maxRecordsPerValue ?? Number.POSITIVE_INFINITY]));
  }

  /** The number of records added. */
  get size(): number {
    return this.ownKeys.length;
  }

  /** Adds a record with its own key and its (already normalized, unblocked) identities; returns its number. */
  add(own: IdentityRef, identities: readonly IdentityRef[]): number {
    const record = this.uf.add();
    const ownKey = identityKey(own);
    this.ownKeys.push(ownKey);
    const copies = this.byOwnKey.get(ownKey);
    if (copies) {
      this.uf.union(record, copies[0]!);
      copies.push(record);
    } else this.byOwnKey.set(ownKey, [record]);
    const seen: string[] = [];
    for (let i = -1; i < identities.length; i++) {
      const ref = i < 0 ? own : identities[i]!;
      const key = i < 0 ? ownKey : identityKey(ref);
      if (seen.includes(key)) continue;
      seen.push(key);
      const holders = this.byValue.get(key);
      if (holders === undefined) this.byValue.set(key, record);
      else if (typeof holders === "number") this.byValue.set(key, [holders, record]);
      else holders.push(record);
      const owners = this.ownersByValue.get(key);
      let ownerCount = 1;
      let isNewOwner = true;
      if (owners === undefined) this.ownersByValue.set(key, ownKey);
      else if (typeof owners === "string") {
        isNewOwner = owners !== ownKey;
        if (isNewOwner) this.ownersByValue.set(key, new Set([owners, ownKey]));
        ownerCount = isNewOwner ? 2 : 1;
      } else {
        isNewOwner = !owners.has(ownKey);
        owners.add(ownKey);
        ownerCount = owners.size;
      }
      const cap = this.rules.get(ref.namespace);
      if (cap === undefined) continue;
      if (ownerCount <= cap) this.uf.union(record, this.firstHolder(key));
      else if (isNewOwner && ownerCount === cap + 1) this.stale = true;
    }
    return record;
  }

  /** The component (representative record number) of a record. */
  componentOf(record: number): number {
    this.refresh();
    return this.uf.find(record);
  }

  /** Records holding an identity value (in any namespace, merge namespace or not). */
  recordsWith(ref: IdentityRef): readonly number[] {
    return this.holders(identityKey(ref));
  }

  private holders(key: string): readonly number[] {
    const holders = this.byValue.get(key);
    return holders === undefined ? [] : typeof holders === "number" ? [holders] : holders;
  }

  private firstHolder(key: string): number {
    const holders = this.byValue.get(key)!;
    return typeof holders === "number" ? holders : holders[0]!;
  }

  private ownerCount(key: string): number {
    const owners = this.ownersByValue.get(key);
    return owners === undefined ? 0 : typeof owners === "string" ? 1 : owners.size;
  }

  /** The records grouped by component, each group ascending, groups by their first record. */
  components(): number[][] {
    this.refresh();
    const groups = new Map<number, number[]>();
    for (let r = 0; r < this.uf.length; r++) {
      const root = this.uf.find(r);
      const group = groups.get(root);
      if (group) group.push(r);
      else groups.set(root, [r]);
    }
    return [...groups.values()];
  }

  /** Every merge-namespace value that exceeds its cap. */
  overCapValues(): OverCapValue[] {
    const out: OverCapValue[] = [];
    for (const [key, owners] of this.ownersByValue) {
      if (typeof owners === "string") continue;
      const [namespace, value] = splitKey(key);
      const cap = this.rules.get(namespace);
      if (cap !== undefined && owners.size > cap) out.push({ namespace, value, records: owners.size, maxRecordsPerValue: cap });
    }
    return out.sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.value, b.value));
  }

  /** Why the given records (one component) are one: the shared values and repeated records among them. */
  mergesAmong(records: readonly number[], identitiesOf: (record: number) => readonly IdentityRef[]): ClusterMerge[] {
    const inside = new Set(records);
    const out: ClusterMerge[] = [];
    const done = new Set<string>();
    for (const record of records) {
      const ownKey = this.ownKeys[record]!;
      const copies = this.byOwnKey.get(ownKey)!;
      if (copies.length > 1 && !done.has(`own\u0000${ownKey}`)) {
        done.add(`own\u0000${ownKey}`);
        out.push({ rule: "sameRecord", value: splitKey(ownKey)[1], records: copies.filter((r) => inside.has(r)) });
      }
      for (const ref of identitiesOf(record)) {
        const key = identityKey(ref);
        const cap = this.rules.get(ref.namespace);
        if (cap === undefined || done.has(key)) continue;
        done.add(key);
        if (this.ownerCount(key) > cap) continue;
        const holders = this.holders(key).filter((r) => inside.has(r));
        const distinct = new Set(holders.map((r) => this.ownKeys[r]));
        if (distinct.size > 1) out.push({ rule: ref.namespace, value: ref.value, records: holders });
      }
    }
    const order = [...this.rules.keys()];
    const rank = (rule: string) => (rule === "sameRecord" ? -1 : order.indexOf(rule));
    return out.sort((a, b) => rank(a.rule) - rank(b.rule) || cmp(a.value, b.value));
  }

  private refresh(): void {
    if (!this.stale) return;
    this.stale = false;
    const uf = new UnionFind();
    for (let r = 0; r < this.ownKeys.length; r++) uf.add();
    for (const copies of this.byOwnKey.values()) for (const r of copies) uf.union(r, copies[0]!);
    for (const [key, holders] of this.byValue) {
      if (typeof holders === "number") continue;
      const cap = this.rules.get(splitKey(key)[0]);
      if (cap === undefined || this.ownerCount(key) > cap) continue;
      for (const r of holders) uf.union(r, holders[0]!);
    }
    this.uf = uf;
  }
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf("\u001f");
  return [key.slice(0, i), key.slice(i + 1)];
}

/** Code-unit order comparison. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
