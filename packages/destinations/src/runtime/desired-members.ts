import type { Snapshot } from "@abm-kit/core";
import { filterByConsent, type ConsentRule } from "@abm-kit/guardrails";
import type { MappingTarget } from "../definition/mapping-target.js";
import type { DestinationMember } from "../definition/member.js";
import type { FieldMapping } from "../mapping/field-mapping.js";
import { MemberMapper } from "../mapping/member-mapper.js";
import { memberFingerprint } from "./fingerprint.js";
import type { DesiredMembers } from "./member-source.js";
import { emptySkipCounts } from "./run-report.js";

/** The desired members of an audience evaluated on a Snapshot: kept members are mapped again from their Snapshot rows. */
export interface SnapshotDesiredMembers extends DesiredMembers {
  readonly fingerprints: Map<string, string>;
  /** Member id → Snapshot row (to map again lazily when sending). */
  readonly rows: Map<string, number>;
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
): SnapshotDesiredMembers {
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
  const desired: SnapshotDesiredMembers = {
    fingerprints,
    rows,
    skipped,
    given: unique.length,
    mapper,
    map: async (ids) => ids.map((id) => mapDesired(desired, id)),
    fieldType: (table, field) => (table === "account" ? snapshot.accounts : snapshot.persons).column(field)?.type,
  };
  return desired;
}

/** Maps one desired member again (for sending or writing), by id. */
function mapDesired(desired: SnapshotDesiredMembers, id: string): DestinationMember {
  const mapped = desired.mapper.map(id, desired.rows.get(id) ?? -1);
  if (!mapped.ok) throw new Error(`member ${id} no longer maps`); // the Snapshot is immutable, so this cannot happen
  return mapped.member;
}
