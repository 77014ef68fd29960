import type { DataUsageLabel, FieldType } from "@abm-kit/core";
import type { ConsentRule } from "@abm-kit/guardrails";
import type { MappingTarget } from "../definition/mapping-target.js";
import type { DestinationMember } from "../definition/member.js";
import type { FieldMapping } from "../mapping/field-mapping.js";
import type { SkipCounts } from "./run-report.js";

/**
 * The members an audience should have at the destination: each kept member's
 * id with the fingerprint of its mapped fields, the members not kept by
 * reason, and a way to map the kept members again when they are sent (only
 * the new and changed ones are, so they are not all held mapped at once).
 */
export interface DesiredMembers {
  /** Member id → fingerprint of its mapped fields. */
  readonly fingerprints: ReadonlyMap<string, string>;
  readonly skipped: SkipCounts;
  /** Distinct member ids the audience has. */
  readonly given: number;
  /** The mapped members with these ids (each one of `fingerprints`), in the order given. */
  map(ids: readonly string[]): Promise<DestinationMember[]>;
  /** The type of a field of the accounts or persons table, when it has one (export column types). */
  fieldType(table: "account" | "person", field: string): FieldType | undefined;
}

/** What the runtime asks a member source for, per audience. */
export interface DesiredMembersRequest {
  /** Member ids never sent (the plan's exclusions). */
  readonly excluded: ReadonlySet<string>;
  /** The plan's consent rule (person audiences only). */
  readonly consent: ConsentRule | undefined;
  /** The mapping left after governance, for the audience's type. */
  readonly mapping: readonly FieldMapping[];
  /** The destination's declared targets for the audience's type. */
  readonly targets: readonly MappingTarget[];
}

/**
 * Where one plan audience's members and their fields come from, besides the
 * Snapshot: the audience's type, the data-usage labels of the fields a
 * mapping reads (for governance), the mapping sources it cannot read, and the
 * desired members of a run. {@link sqlMemberSource} is one; a plan audience
 * reads from one when it says `source: "sql"`.
 */
export interface MemberSource {
  readonly audienceId: string;
  /** The name runs and files show (defaults to the id). */
  readonly audienceName?: string;
  readonly type: "account" | "person";
  /** The data-usage labels of a mapping source (`person.email`, `account.name`, `id`). */
  labelsOf(source: string): readonly DataUsageLabel[];
  /** Why the source cannot read a mapping source, or undefined when it can. */
  unsupportedSource(source: string): string | undefined;
  /** Works out the desired members of a run (streamed, in bounded memory). */
  desired(request: DesiredMembersRequest): Promise<DesiredMembers>;
}
