import type { Problem } from "@abm-kit/core";
import type { AudienceType } from "../definition/audience.js";

/** The members of an audience at one `now`. */
export interface AudienceResult {
  readonly audienceId: string;
  readonly audienceName: string;
  readonly audienceVersion: number;
  readonly type: AudienceType;
  /** The evaluation moment (ISO instant). */
  readonly now: string;
  /** Member entity ids, ascending code-unit order. */
  readonly memberIds: string[];
  /** Member row numbers in the snapshot's account or person table, ascending (same order as `memberIds`). */
  readonly memberRows: Int32Array;
  readonly size: number;
  /** Things that did not stop evaluation: unknown fields read as missing, referenced members not in the snapshot. */
  readonly warnings: Problem[];
}

/**
 * What `inAudience` can reference besides a definition: an audience's members
 * already evaluated (an {@link AudienceResult}, or any list of ids with a type).
 */
export type AudienceMembers = Pick<AudienceResult, "audienceId" | "type"> & { readonly memberIds: readonly string[] };

/** Whether a value is an {@link AudienceResult} (rather than a definition). */
export function isAudienceResult(value: unknown): value is AudienceResult {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as { memberIds?: unknown }).memberIds) &&
    typeof (value as { audienceId?: unknown }).audienceId === "string"
  );
}
