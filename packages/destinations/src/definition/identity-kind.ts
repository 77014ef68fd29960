import { z } from "zod";

/**
 * The kinds of identifiers a destination matches members on: companies by
 * name, website or email domain, LinkedIn organization URN or CRM id; people by
 * (hashed) email or CRM / marketing-automation id.
 */
export const IdentityKindSchema = z.enum([
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
]);
/** An identifier kind a destination accepts. */
export type IdentityKind = z.infer<typeof IdentityKindSchema>;
