import type { AudienceType } from "../definition/audience.js";

/** Why membership changed: an applied change, or time passing (`advanceTo`). */
export type MembershipCause = "change" | "time";

/** One member entering or leaving one audience. */
export interface MembershipChange {
  readonly audienceId: string;
  readonly audienceName: string;
  readonly type: AudienceType;
  /** The account or person id. */
  readonly memberId: string;
  /** The evaluator's `now` when it happened (ISO instant). */
  readonly at: string;
  readonly cause: MembershipCause;
}

/** The members that entered and exited one audience in one step (ids ascending). */
export interface MembershipDelta {
  readonly audienceId: string;
  readonly audienceName: string;
  readonly type: AudienceType;
  readonly at: string;
  readonly cause: MembershipCause;
  readonly entered: readonly string[];
  readonly exited: readonly string[];
}

/** The events a streaming evaluator emits. */
export interface StreamingEvaluatorEvents {
  /** A member entered an audience. */
  entered: (change: MembershipChange) => void;
  /** A member left an audience. */
  exited: (change: MembershipChange) => void;
  /** Every member that entered or left one audience in one step, after the single events. */
  delta: (delta: MembershipDelta) => void;
}
