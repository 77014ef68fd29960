import { getDomain } from "tldts";

/**
 * The registrable domain (public suffix + one label) of a website, host name,
 * URL or email address, lower-cased: `https://www.acme.com/about` → `acme.com`,
 * `eu.acme.co.uk` → `acme.co.uk`, `jane@mail.acme.com` → `acme.com`.
 * Private suffixes count (`acme.github.io` stays `acme.github.io`), so unrelated
 * companies on a shared host never merge. `undefined` when there is none.
 */
export function registrableDomain(input: string | null | undefined): string | undefined {
  if (input === null || input === undefined) return undefined;
  let text = input.trim().toLowerCase();
  if (text === "") return undefined;
  const at = text.lastIndexOf("@");
  if (at >= 0) text = text.slice(at + 1);
  const domain = getDomain(text, { allowPrivateDomains: true, validateHostname: true });
  return domain ?? undefined;
}

/** DUNS numbers compared by their digits only (`15-048-3782` = `150483782`). */
export function normalizeDuns(input: string | null | undefined): string | undefined {
  if (input === null || input === undefined) return undefined;
  const digits = input.replace(/\D/g, "");
  return digits === "" ? undefined : digits;
}
