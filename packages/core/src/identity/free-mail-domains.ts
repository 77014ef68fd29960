import allFreeMailDomains from "email-providers/all.json" with { type: "json" };

/**
 * Free-mail and consumer email domains (the `email-providers` list, about 8,700
 * domains: gmail.com, outlook.com, yahoo.co.uk, …). An email on one of these
 * never links a person to an account by domain.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set(allFreeMailDomains as string[]);

/** True when `domain` (registrable, lower-case) is a free-mail domain, built in or in `extra`. */
export function isFreeMailDomain(domain: string, extra?: ReadonlySet<string>): boolean {
  return FREE_MAIL_DOMAINS.has(domain) || (extra?.has(domain) ?? false);
}
