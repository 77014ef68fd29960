import type { Problem } from "@abm-kit/core";

/**
 * What applying one change did: `applied`, `duplicate` (an event id seen
 * before; nothing changed) or `rejected` (with its problems; nothing changed).
 * `reevaluated` counts the members checked again (the change's reach).
 */
export interface ApplyOutcome {
  readonly status: "applied" | "duplicate" | "rejected";
  readonly problems: readonly Problem[];
  readonly entered: number;
  readonly exited: number;
  readonly reevaluated: number;
}

/** Counts of a run of changes: nothing is dropped silently. */
export interface ApplyCounts {
  read: number;
  applied: number;
  duplicates: number;
  rejected: number;
  /** The problems of rejected changes, each path prefixed with the change's position. */
  readonly problems: Problem[];
}
