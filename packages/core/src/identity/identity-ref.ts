import { z } from "zod";

/**
 * One identity value in a namespace: a record's own key (`salesforce.contact` /
 * `003…`), a cross-reference to another record (a Marketo lead's
 * `sfdcContactId`), or a shared value such as a normalized `email`.
 * Accounts may also be referred to by `domain` (any website spelling) or `duns`.
 */
export const IdentityRefSchema = z.object({
  namespace: z.string().min(1),
  value: z.string().min(1),
});
export type IdentityRef = z.infer<typeof IdentityRefSchema>;

/** The one-string form of an identity: `namespace␟value`. */
export function identityKey(ref: IdentityRef): string {
  return `${ref.namespace}\u001f${ref.value}`;
}

/** The namespaces whose values resolve accounts by their website or DUNS instead of by identity. */
export const DOMAIN_NAMESPACE = "domain";
export const DUNS_NAMESPACE = "duns";
/** The namespace of normalized email addresses. */
export const EMAIL_NAMESPACE = "email";
