import { AbmKitError, type Problem } from "@abm-kit/core";
import type { DestinationsErrorCode } from "../error-codes.js";

/** The codes of a {@link MemberSourceError}. */
export type MemberSourceErrorCode = Extract<DestinationsErrorCode, "MEMBER_SOURCE_FAILED" | "MEMBER_SOURCE_CHANGED">;

/**
 * A member source could not give an audience's members: its query failed or
 * gave a value it cannot read (`MEMBER_SOURCE_FAILED`), or a member it had
 * kept no longer maps when it is read again to be sent (`MEMBER_SOURCE_CHANGED`:
 * the tables changed during the run). Nothing of that batch was sent; what
 * was sent before is checkpointed, and running again resumes.
 */
export class MemberSourceError extends AbmKitError<MemberSourceErrorCode> {
  constructor(code: MemberSourceErrorCode, message: string, problems?: readonly Problem[], options: { cause?: unknown } = {}) {
    super(code, message, problems, options);
  }
}
