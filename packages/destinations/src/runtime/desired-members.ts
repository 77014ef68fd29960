import type { Snapshot } from "@abm-kit/core";
import { filterByConsent, type ConsentRule } from "@abm-kit/guardrails";
import type { MappingTarget } from "../definition/mapping-target.js";
import type { DestinationMember } from "../definition/member.js";
import type { FieldMapping } from "../mapping/field-mapping.js";
import { MemberMapper } from "../mapping/member-mapper.js";
import { memberFingerprint } from "./fingerprint.js";
import { emptySkipCounts, type SkipCounts } from "./run-report.js";

/** The members an audience should have at the destination, by id, with the fingerprint of their mapped fields. */
export interface DesiredMembers {
  /** Member id → fingerprint. */
  readonly fingerprints: Map<string, string>;
  /** Member id → Snapshot row (to map again lazily when sending). */
  readonly rows: Map<string, number>;
  readonly skipped: SkipCounts;
  /** Distinct member ids given. */
  readonly given: number;
  readonly mapper: MemberMapper;
}

/**
 * Works out who should be at the destination: the audience's members minus
 * exclusions, minus people without consent on the plan's channel, minus those
 * missing a required field. Every member not kept is counted under its reason.
 */
export function desiredMembers(
  snapshot: Snapshot,
  type: "account" | "person",
  memberIds: readonly string[],
  excluded: ReadonlySet<string>,
  consent: ConsentRule | undefined,
  mapping: readonly FieldMapping[],
  targets: readonly MappingTarget[],
  /** Person members sent through an account: the account row `account.*` sources read, per person row. */
  accountRowOf?: ReadonlyMap<number, number>,
): DesiredMembers {
  const mapper = new MemberMapper(snapshot, type, mapping, targets, accountRowOf === undefined ? undefined : (row) => accountRowOf.get(row));
  const skipped = emptySkipCounts();
  const unique = [...new Set(memberIds)];
  const candidates: { id: string; row: number }[] = [];
  for (const id of unique) {
    if (excluded.has(id)) skipped.excluded++;
    else candidates.push({ id, row: mapper.rowOf(id) });
  }
  let allowedRows: Set<number> | undefined;
  if (type === "person" && consent !== undefined) {
    const present = candidates.filter((c) => c.row >= 0).map((c) => c.row);
    allowedRows = new Set(filterByConsent(snapshot, present, consent).allowed);
  }
  const fingerprints = new Map<string, string>();
  const rows = new Map<string, number>();
  for (const { id, row } of candidates) {
    if (row >= 0 && allowedRows !== undefined && !allowedRows.has(row)) {
      skipped.noConsent++;
      continue;
    }
    const mapped = mapper.map(id, row);
    if (!mapped.ok) {
      skipped[mapped.reason]++;
      continue;
    }
    fingerprints.set(id, memberFingerprint(mapped.member));
    rows.set(id, row);
  }
  return { fingerprints, rows, skipped, given: unique.length, mapper };
}

/** Maps one desired member again (for sending or writing), by id. */
export function mapDesired(desired: DesiredMembers, id: string): DestinationMember {
  const mapped = desired.mapper.map(id, desired.rows.get(id) ?? -1);
  if (!mapped.ok) throw new Error(`member ${id} no longer maps`); // the Snapshot is immutable, so this cannot happen
  return mapped.member;
}
