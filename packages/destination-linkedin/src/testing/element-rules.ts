/**
 * What the fake accepts in `/companies` and `/users` elements.
 *
 * Two kinds of refusal (the split is an assumption modelled on Rest.li, which
 * validates a request against its schema before applying any entity):
 * - schema problems (an unknown field, a wrong JSON type, an action other
 *   than ADD/REMOVE) refuse the whole request with 400;
 * - value problems (a malformed hash, a domain with a scheme, a name over its
 *   limit, no identifier) refuse that element only: `elements[i].status` 400.
 */

/** One element of a member request body, as the fake reads it. */
export type Element = Record<string, unknown>;

// Company fields: learn.microsoft.com/linkedin/marketing/matched-audiences/create-and-manage-segment-companies
// and rudderlabs/rudder-transformer (linkedin_audience).
const COMPANY_STRINGS = [
  "companyName",
  "companyWebsiteDomain",
  "companyEmailDomain",
  "organizationUrn",
  "companyPageUrl",
  "city",
  "state",
  "country",
  "postalCode",
];
const COMPANY_IDENTIFIERS = ["companyName", "companyWebsiteDomain", "companyEmailDomain", "organizationUrn", "companyPageUrl"];
// User fields: learn.microsoft.com/linkedin/marketing/matched-audiences/create-and-manage-segment-users.
const USER_STRINGS = ["firstName", "lastName", "title", "company", "country"];
// Partner docs (Tealium, Segment): names ≤ 35 characters, title and company ≤ 50.
const USER_LIMITS: Record<string, number> = { firstName: 35, lastName: 35, title: 50, company: 50 };
const ID_TYPES = ["SHA256_EMAIL", "SHA512_EMAIL", "GOOGLE_AID"];

const isObject = (v: unknown): v is Element => v !== null && typeof v === "object" && !Array.isArray(v);
const length = (s: string) => [...s].length;

/** A schema problem of element `i` (whole request refused), or `undefined`. */
export function schemaProblem(raw: unknown, i: number, type: "USER" | "COMPANY"): string | undefined {
  const at = `/elements/${i}`;
  if (!isObject(raw)) return `${at} :: is not a record`;
  if (raw.action !== "ADD" && raw.action !== "REMOVE") return `${at}/action :: must be ADD or REMOVE`;
  const strings = type === "COMPANY" ? COMPANY_STRINGS : USER_STRINGS;
  for (const [key, value] of Object.entries(raw)) {
    if (key === "action") continue;
    if (strings.includes(key)) {
      if (typeof value !== "string") return `${at}/${key} :: must be a string`;
    } else if (type === "COMPANY" && key === "industries") {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) return `${at}/industries :: must be an array of strings`;
    } else if (type === "USER" && key === "userIds") {
      if (!Array.isArray(value)) return `${at}/userIds :: must be an array`;
      for (const [j, id] of value.entries()) {
        if (!isObject(id)) return `${at}/userIds/${j} :: is not a record`;
        for (const k of Object.keys(id)) if (k !== "idType" && k !== "idValue") return `${at}/userIds/${j}/${k} :: unrecognized field found but not allowed`;
        if (typeof id.idType !== "string" || typeof id.idValue !== "string") return `${at}/userIds/${j} :: idType and idValue must be strings`;
      }
    } else {
      return `${at}/${key} :: unrecognized field found but not allowed`;
    }
  }
  return undefined;
}

// A domain as LinkedIn wants it: no scheme, path, port or user part (assumption: subdomains are accepted).
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;
const ORGANIZATION_URN = /^urn:li:organization:\d+$/;
const COMPANY_PAGE = /^https:\/\/(www\.)?linkedin\.com\/company\/[^/?#\s]+\/?$/;
const COUNTRY = /^[A-Za-z]{2}$/;

/** A value problem of a company element (that element refused), or `undefined`. */
export function companyValueProblem(e: Element): string | undefined {
  if (!COMPANY_IDENTIFIERS.some((k) => typeof e[k] === "string" && (e[k] as string).trim() !== "")) {
    return `a company needs one of ${COMPANY_IDENTIFIERS.join(", ")}`;
  }
  for (const k of ["companyWebsiteDomain", "companyEmailDomain"]) {
    if (typeof e[k] === "string" && !DOMAIN.test(e[k] as string)) return `${k} must be a domain without scheme, path or port`;
  }
  if (typeof e.organizationUrn === "string" && !ORGANIZATION_URN.test(e.organizationUrn)) return "organizationUrn must be urn:li:organization:<id>";
  if (typeof e.companyPageUrl === "string" && !COMPANY_PAGE.test(e.companyPageUrl)) return "companyPageUrl must be https://www.linkedin.com/company/<name>";
  if (typeof e.country === "string" && !COUNTRY.test(e.country)) return "country must be an ISO 3166-1 alpha-2 code";
  return undefined;
}

/** A value problem of a user element (that element refused), or `undefined`. */
export function userValueProblem(e: Element): string | undefined {
  const ids = Array.isArray(e.userIds) ? (e.userIds as { idType: string; idValue: string }[]) : [];
  for (const id of ids) {
    if (!ID_TYPES.includes(id.idType)) return `idType ${id.idType} is not one of ${ID_TYPES.join(", ")}`;
    // SHA-256 / SHA-512 of the trimmed, lower-cased address as lower-case hex (docs and partner adapters).
    if (id.idType === "SHA256_EMAIL" && !/^[0-9a-f]{64}$/.test(id.idValue)) return "SHA256_EMAIL must be 64 lower-case hex characters (a hashed email)";
    if (id.idType === "SHA512_EMAIL" && !/^[0-9a-f]{128}$/.test(id.idValue)) return "SHA512_EMAIL must be 128 lower-case hex characters (a hashed email)";
    if (id.idType === "GOOGLE_AID" && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id.idValue)) return "GOOGLE_AID must be a UUID";
  }
  // Without a user id, first and last name are needed (Tealium's LinkedIn connector guide).
  if (ids.length === 0 && !(typeof e.firstName === "string" && typeof e.lastName === "string")) return "a user needs userIds, or firstName and lastName";
  for (const [k, max] of Object.entries(USER_LIMITS)) {
    if (typeof e[k] === "string" && length(e[k] as string) > max) return `${k} is longer than ${max} characters`;
  }
  if (typeof e.country === "string" && !COUNTRY.test(e.country)) return "country must be an ISO 3166-1 alpha-2 code";
  return undefined;
}

/**
 * The key a member is held under: its strongest identifier (assumption: LinkedIn
 * matches a company on its organization, else its domains, page, then name; a
 * user on its SHA-256 email hash, else SHA-512, else GAID, else name).
 */
export function memberKey(e: Element, type: "USER" | "COMPANY"): string {
  const lower = (v: unknown) => String(v).trim().toLowerCase();
  if (type === "COMPANY") {
    if (typeof e.organizationUrn === "string") return `org:${e.organizationUrn}`;
    if (typeof e.companyWebsiteDomain === "string") return `domain:${lower(e.companyWebsiteDomain)}`;
    if (typeof e.companyEmailDomain === "string") return `emailDomain:${lower(e.companyEmailDomain)}`;
    if (typeof e.companyPageUrl === "string") return `page:${lower(e.companyPageUrl)}`;
    return `name:${lower(e.companyName)}`;
  }
  const ids = Array.isArray(e.userIds) ? (e.userIds as { idType: string; idValue: string }[]) : [];
  for (const t of ID_TYPES) {
    const id = ids.find((i) => i.idType === t);
    if (id !== undefined) return `${t === "SHA256_EMAIL" ? "sha256" : t === "SHA512_EMAIL" ? "sha512" : "gaid"}:${id.idValue.toLowerCase()}`;
  }
  return `name:${lower(e.firstName)}|${lower(e.lastName)}`;
}
