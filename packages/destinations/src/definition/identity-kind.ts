import { z } from "zod";

/**
 * The identifier kinds abm-kit knows: companies by name, website or email
 * domain, LinkedIn organization URN or CRM id; people by (hashed) email or
 * CRM / marketing-automation id.
 */
export const KNOWN_IDENTITY_KINDS = [
  "companyName",
  "companyDomain",
  "companyEmailDomain",
  "linkedinOrganizationUrn",
  "email",
  "sha256Email",
  "sha512Email",
  "crmAccountId",
  "crmContactId",
  "crmLeadId",
  "marketoLeadId",
  "externalId",
] as const;

/** An identifier kind abm-kit knows. */
export type KnownIdentityKind = (typeof KNOWN_IDENTITY_KINDS)[number];

/**
 * An identifier kind a destination matches members on: a known kind, or an
 * adapter's own kind named `<destination id>:<name>` (`linkedin:companyPageUrl`),
 * so a new identifier needs no change to this package.
 */
export const IdentityKindSchema = z.union([
  z.enum(KNOWN_IDENTITY_KINDS),
  z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}:[A-Za-z][A-Za-z0-9]{0,63}$/, "an identity kind is a known kind or <destination id>:<name>"),
]);

/** An identifier kind a destination accepts: a known kind or `<destination id>:<name>`. */
export type IdentityKind = KnownIdentityKind | `${string}:${string}`;

/** True when `kind` is one abm-kit knows (rather than an adapter's own). */
export function isKnownIdentityKind(kind: string): kind is KnownIdentityKind {
  return (KNOWN_IDENTITY_KINDS as readonly string[]).includes(kind);
}
