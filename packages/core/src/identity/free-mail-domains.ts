/// <reference path="./email-providers.d.ts" />
import emailProviders from "email-providers";

/** The list itself, whether the module system hands over the array or a namespace object holding it. */
function domainList(value: unknown): string[] {
  let current = value;
  for (let depth = 0; depth < 3 && !Array.isArray(current) && typeof current === "object" && current !== null && "default" in current; depth++) {
    current = (current as { default: unknown }).default;
  }
  return Array.isArray(current) ? current.filter((d): d is string => typeof d === "string") : [];
}

/**
 * Free-mail and consumer email domains (the `email-providers` list, about 8,700
 * domains: gmail.com, outlook.com, yahoo.co.uk, …). An email on one of these
 * never links a person to an account by domain.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set(domainList(emailProviders));

/** True when `domain` (registrable, lower-case) is a free-mail domain, built in or in `extra`. */
export function isFreeMailDomain(domain: string, extra?: ReadonlySet<string>): boolean {
  return FREE_MAIL_DOMAINS.has(domain) || (extra?.has(domain) ?? false);
}
