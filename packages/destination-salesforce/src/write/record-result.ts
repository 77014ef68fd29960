import type { MemberResult } from "@abm-kit/destinations";
import type { SalesforceError } from "../http/error-array.js";

/** Per-record errors worth sending again: lock contention (Salesforce: "UNABLE_TO_LOCK_ROW … retry"). */
const RETRYABLE_CODES = new Set(["UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE"]);

/** The results of the members behind one record, from Salesforce's answer for it. */
export function recordResults(
  memberIds: readonly string[],
  success: boolean,
  errors: readonly SalesforceError[],
  doneCodes: ReadonlySet<string> | undefined,
): MemberResult[] {
  if (success || (errors.length > 0 && errors.every((e) => doneCodes?.has(e.errorCode)))) return memberIds.map((memberId) => ({ memberId, ok: true as const }));
  const first = errors[0] ?? { errorCode: "UNKNOWN_ERROR", message: "Salesforce gave no reason" };
  const retryable = errors.some((e) => RETRYABLE_CODES.has(e.errorCode));
  const fields = first.fields !== undefined && first.fields.length > 0 ? ` (fields ${first.fields.join(", ")})` : "";
  return memberIds.map((memberId) => ({
    memberId,
    ok: false as const,
    retryable,
    code: `SALESFORCE_${first.errorCode}`,
    message: `${first.message}${fields}`,
  }));
}

/** Members that got no answer at all (a record missing from the results): worth sending again. */
export function unanswered(memberIds: readonly string[], why: string): MemberResult[] {
  return memberIds.map((memberId) => ({ memberId, ok: false as const, retryable: true, code: "SALESFORCE_UNPROCESSED", message: why }));
}
