import { z } from "zod";
import { parseOrThrow } from "../errors.js";
import { DEFAULT_BLOCKED_VALUES } from "./blocked-values.js";

/** One namespace whose shared values merge records, with its collapse-guard cap. */
export const MergeRuleSchema = z.object({
  namespace: z.string().min(1),
  /** A value held by more than this many distinct records is not used to merge, and is reported. */
  maxRecordsPerValue: z.number().int().positive().optional(),
});
export type MergeRule = z.infer<typeof MergeRuleSchema>;

/** How a field's value is chosen among a unified entity's records. */
export const MergePolicySchema = z.enum(["sourcePrecedence", "mostRecent"]);
export type MergePolicy = z.infer<typeof MergePolicySchema>;

/** The unification settings of one entity kind (persons or accounts). */
export const EntityIdentityConfigSchema = z.object({
  /** Namespaces whose shared values merge records, in priority order (first = strongest). */
  mergeOn: z.array(MergeRuleSchema),
  /**
   * Which record's own key becomes the unified id: the record whose namespace
   * comes first here (ties: the smallest id in code-unit order). Namespaces not
   * listed come after, alphabetically.
   */
  idPriority: z.array(z.string().min(1)),
  /** Namespaces whose ids are used as they are (globally unique CRM ids); others become `namespace:value`. */
  rawIdNamespaces: z.array(z.string().min(1)),
  /** Source systems in precedence order for `sourcePrecedence` (unlisted systems follow alphabetically). */
  sourcePrecedence: z.array(z.string().min(1)),
  /** The policy for fields not named in `fieldPolicies`. */
  defaultPolicy: MergePolicySchema,
  /** Per-field policies (standard field or attribute name). */
  fieldPolicies: z.record(z.string().min(1), MergePolicySchema),
});
export type EntityIdentityConfig = z.infer<typeof EntityIdentityConfigSchema>;

/** The identity graph's configuration. Every part has a default; see {@link DEFAULT_IDENTITY_CONFIG}. */
export const IdentityConfigSchema = z.object({
  persons: EntityIdentityConfigSchema,
  accounts: EntityIdentityConfigSchema,
  /** Values that never merge (exact strings, or patterns), compared after trim + lower-case. */
  blockedValues: z.array(z.union([z.string(), z.instanceof(RegExp)])),
  /** Link a person to the account whose website has the registrable domain of the person's email. Off by default. */
  linkByEmailDomain: z.boolean(),
  /** When one email domain matches more accounts than this, no domain link is made (reported). */
  maxAccountsPerEmailDomain: z.number().int().positive(),
  /** More free-mail domains, beside the built-in list, that never link by domain. */
  extraFreeMailDomains: z.array(z.string().min(1)),
  /** Values longer than this are ignored as identities. */
  maxValueLength: z.number().int().positive(),
});
export type IdentityConfig = z.infer<typeof IdentityConfigSchema>;

/** A partial configuration: each given part replaces the default's part (per entity kind, per field). */
export type IdentityConfigInput = Partial<Omit<IdentityConfig, "persons" | "accounts">> & {
  persons?: Partial<EntityIdentityConfig>;
  accounts?: Partial<EntityIdentityConfig>;
};

/**
 * The defaults: persons merge on Salesforce contact and lead ids, Marketo lead
 * ids and normalized email (an email shared by more than 10 records does not
 * merge); accounts on the Salesforce account id and Marketo company id. The
 * Salesforce record wins a field unless a field says otherwise.
 */
export const DEFAULT_IDENTITY_CONFIG: IdentityConfig = {
  persons: {
    mergeOn: [
      { namespace: "salesforce.contact" },
      { namespace: "salesforce.lead" },
      { namespace: "marketo.lead" },
      { namespace: "email", maxRecordsPerValue: 10 },
    ],
    idPriority: ["salesforce.contact", "salesforce.lead", "marketo.lead"],
    rawIdNamespaces: ["salesforce.contact", "salesforce.lead"],
    sourcePrecedence: ["salesforce", "marketo"],
    defaultPolicy: "sourcePrecedence",
    fieldPolicies: {},
  },
  accounts: {
    mergeOn: [{ namespace: "salesforce.account" }, { namespace: "marketo.company" }],
    idPriority: ["salesforce.account", "marketo.company"],
    rawIdNamespaces: ["salesforce.account"],
    sourcePrecedence: ["salesforce", "marketo"],
    defaultPolicy: "sourcePrecedence",
    fieldPolicies: {},
  },
  blockedValues: [...DEFAULT_BLOCKED_VALUES],
  linkByEmailDomain: false,
  maxAccountsPerEmailDomain: 1,
  extraFreeMailDomains: [],
  maxValueLength: 1024,
};

/** Completes a partial configuration with the defaults and validates it (throws `ValidationError`). */
export function resolveIdentityConfig(input: IdentityConfigInput = {}): IdentityConfig {
  const merged = {
    ...DEFAULT_IDENTITY_CONFIG,
    ...input,
    persons: { ...DEFAULT_IDENTITY_CONFIG.persons, ...input.persons },
    accounts: { ...DEFAULT_IDENTITY_CONFIG.accounts, ...input.accounts },
  };
  return parseOrThrow(IdentityConfigSchema, merged, "identity configuration");
}
