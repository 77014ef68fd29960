import { registrableDomain } from "@abm-kit/core";
import type { CellValue } from "@abm-kit/destinations";
import { countryOf, textOf, textsOf } from "./field-values.js";
import { linkedInAction, type BuiltElement } from "./member-element.js";

/** The company fields that identify a company (at least one is needed). */
export const COMPANY_IDENTIFIER_FIELDS = ["companyName", "companyWebsiteDomain", "companyEmailDomain", "organizationUrn", "companyPageUrl"] as const;

/** `urn:li:organization:<id>` from an id, a URN or a number; `undefined` otherwise. */
export function organizationUrnOf(value: CellValue | undefined): string | undefined {
  const text = textOf(value);
  if (text === undefined) return undefined;
  const id = text.replace(/^urn:li:organization:/, "");
  return /^\d+$/.test(id) ? `urn:li:organization:${id}` : undefined;
}

/** `https://www.linkedin.com/company/<slug>` from a company page URL in any usual spelling; `undefined` otherwise. */
export function companyPageUrlOf(value: CellValue | undefined): string | undefined {
  const text = textOf(value);
  if (text === undefined) return undefined;
  const m = /^(?:https?:\/\/)?(?:[a-z]{2,3}\.|www\.)?linkedin\.com\/company\/([^/?#\s]+)\/?(?:[?#].*)?$/i.exec(text);
  return m === null ? undefined : `https://www.linkedin.com/company/${m[1]!}`;
}

/**
 * A company element from an account's mapped fields. Domains are reduced to
 * the registrable domain (no scheme, path or `www.`; private suffixes kept, so
 * `acme.github.io` stays itself), the organization to its URN, the page URL to
 * its canonical form and the country to ISO-2; a value that cannot be read so
 * is left out rather than sent wrong. A company with no identifier left is not sent.
 */
export function companyElement(action: "add" | "remove", fields: Readonly<Record<string, CellValue>>): BuiltElement {
  const element: Record<string, unknown> = { action: linkedInAction(action) };
  const set = (name: string, value: unknown) => {
    if (value !== undefined) element[name] = value;
  };
  set("companyName", textOf(fields.companyName));
  set("companyWebsiteDomain", registrableDomain(textOf(fields.companyWebsiteDomain)));
  set("companyEmailDomain", registrableDomain(textOf(fields.companyEmailDomain)));
  set("organizationUrn", organizationUrnOf(fields.organizationUrn));
  set("companyPageUrl", companyPageUrlOf(fields.companyPageUrl));
  if (!COMPANY_IDENTIFIER_FIELDS.some((f) => f in element)) {
    return { ok: false, code: "NO_COMPANY_IDENTIFIER", message: `no usable ${COMPANY_IDENTIFIER_FIELDS.join(", ")}` };
  }
  set("city", textOf(fields.city));
  set("state", textOf(fields.state));
  set("country", countryOf(fields.country));
  set("postalCode", textOf(fields.postalCode));
  const industries = textsOf(fields.industries);
  if (industries.length > 0) element.industries = industries;
  return { ok: true, element };
}
