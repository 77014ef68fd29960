/**
 * Identity values that never merge records (the collapse guard's block list):
 * placeholders and role addresses that many unrelated records share.
 * Strings match the whole normalized value; regular expressions test it.
 */
export const DEFAULT_BLOCKED_VALUES: readonly (string | RegExp)[] = [
  "",
  "null",
  "none",
  "n/a",
  "na",
  "undefined",
  "unknown",
  "anonymous",
  "invalid",
  "test",
  "-1",
  "0",
  "test@test.com",
  "test@example.com",
  "email@example.com",
  "user@example.com",
  /^[0-]*$/,
  /^(noreply|no-reply|no_reply|donotreply|do-not-reply|do_not_reply|mailer-daemon|postmaster)@/,
];

/** True when `value` is blocked by any entry of `blocked`. */
export function isBlockedValue(value: string, blocked: readonly (string | RegExp)[]): boolean {
  const v = value.trim().toLowerCase();
  for (const entry of blocked) {
    if (typeof entry === "string" ? entry === v : entry.test(v)) return true;
  }
  return false;
}
