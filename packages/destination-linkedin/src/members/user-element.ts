import { hashEmail, type CellValue } from "@abm-kit/destinations";
import { countryOf, cut, textOf } from "./field-values.js";
import { linkedInAction, type BuiltElement } from "./member-element.js";

/** LinkedIn's length limits for user fields (partner docs: names 35, title and company 50). */
export const USER_FIELD_LIMITS = { firstName: 35, lastName: 35, title: 50, company: 50 } as const;

/**
 * A user element from a person's mapped fields: `userIds` with `SHA256_EMAIL`
 * (and `SHA512_EMAIL` when mapped) as lower-case hex — an address that is not
 * hashed yet is trimmed, lower-cased and hashed here, so a plain email never
 * leaves the machine — plus names, title and company cut to LinkedIn's limits
 * and an ISO-2 country (other spellings are left out). A person with no usable
 * hash is not sent.
 */
export function userElement(action: "add" | "remove", fields: Readonly<Record<string, CellValue>>): BuiltElement {
  const userIds: { idType: string; idValue: string }[] = [];
  const sha256 = textOf(fields.sha256Email);
  const sha512 = textOf(fields.sha512Email);
  const h256 = sha256 === undefined ? undefined : hashEmail(sha256, "sha256");
  const h512 = sha512 === undefined ? undefined : hashEmail(sha512, "sha512");
  if (h256 !== undefined) userIds.push({ idType: "SHA256_EMAIL", idValue: h256 });
  if (h512 !== undefined) userIds.push({ idType: "SHA512_EMAIL", idValue: h512 });
  if (userIds.length === 0) return { ok: false, code: "NO_USER_IDENTIFIER", message: "no valid email or email hash" };
  const element: Record<string, unknown> = { action: linkedInAction(action), userIds };
  for (const [name, max] of Object.entries(USER_FIELD_LIMITS)) {
    const text = textOf(fields[name]);
    if (text !== undefined) element[name] = cut(text, max);
  }
  const country = countryOf(fields.country);
  if (country !== undefined) element.country = country;
  return { ok: true, element };
}
