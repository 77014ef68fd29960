import type { MemberResult } from "@abm-kit/destinations";

/** A failed member result. */
export const failure = (memberId: string, retryable: boolean, code: string, message: string): MemberResult => ({
  memberId,
  ok: false,
  retryable,
  code,
  message,
});
