/**
 * The identity match key of an email address: trimmed and lower-cased, nothing
 * else. Gmail dots and `+tags` are kept (`j.doe+x@gmail.com` stays as it is),
 * because stripping them would merge people a provider keeps apart.
 * `undefined` when the input is not an address (`name@domain`).
 */
export function normalizeEmail(input: string | null | undefined): string | undefined {
  if (typeof input !== "string") return undefined;
  const email = input.trim().toLowerCase();
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1 || /\s/.test(email)) return undefined;
  return email;
}
