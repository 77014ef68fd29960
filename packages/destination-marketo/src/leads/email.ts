/**
 * The email a lead is matched on: trimmed and lower-cased. Marketo takes
 * ASCII email values only (reference/destinations.md); an address with other
 * characters, white space, a comma (filter values are comma-separated) or no
 * domain is refused before anything is sent (`undefined`).
 */
export function leadEmailOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const email = value.trim().toLowerCase();
  // printable ASCII without space, comma, quote, angle brackets or semicolon; one @; a dotted domain
  if (!/^[!#-'*+\--9=?A-Z^-~]+(\.[!#-'*+\--9=?A-Z^-~]+)*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i.test(email)) return undefined;
  return email;
}
