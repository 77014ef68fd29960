import { z } from "zod";
import { DestinationLimitsSchema } from "./destination-limits.js";
import { RULE_CATALOG, RULE_IDS, RuleIdSchema, type RuleId } from "./rule-catalog.js";

/** How a broken rule is reported: as an `error`, a `warning`, or not at all (`off`). */
export const RuleSeveritySchema = z.enum(["error", "warning", "off"]);
/** How a broken rule is reported. */
export type RuleSeverity = z.infer<typeof RuleSeveritySchema>;

/** One rule's setting in a profile: its severity and, for `max`/`min` rules, the limit. */
export const RuleSettingSchema = z.object({
  severity: RuleSeveritySchema,
  limit: z.number().nonnegative().optional(),
});
/** One rule's setting in a profile. */
export type RuleSetting = z.infer<typeof RuleSettingSchema>;

/** A complete, resolved limit profile: a setting for every rule, plus extra destination limits. */
export const LimitProfileSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    description: z.string().optional(),
    rules: z.record(RuleIdSchema, RuleSettingSchema),
    /**
     * Limits the profile adds to destinations, by destination id (e.g. the
     * blueprint's `linkedin: { minAudienceSize: 300 }`). The stricter of these
     * and the destination's own declared limits applies.
     */
    destinations: z.record(z.string().min(1), DestinationLimitsSchema),
  })
  .superRefine((profile, ctx) => {
    for (const id of RULE_IDS) {
      const setting = profile.rules[id];
      if (setting.severity !== "off" && RULE_CATALOG[id].kind !== "forbid" && setting.limit === undefined) {
        ctx.addIssue({ code: "custom", path: ["rules", id, "limit"], message: `rule ${id} is on, so it needs a limit` });
      }
    }
  });
/** A complete, resolved limit profile (see {@link LimitProfileSchema}). */
export type LimitProfile = z.infer<typeof LimitProfileSchema>;

/** The names of the built-in profiles. */
export const BuiltInProfileNameSchema = z.enum(["blueprint", "relaxed"]);
/** The name of a built-in profile. */
export type BuiltInProfileName = z.infer<typeof BuiltInProfileNameSchema>;

/**
 * A custom profile: it extends a base (a built-in profile by name, or a
 * resolved profile) and overrides some rules (severity and/or limit) and some
 * destinations' limits.
 */
export const CustomLimitProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  extends: z.union([BuiltInProfileNameSchema, LimitProfileSchema]),
  rules: z.partialRecord(RuleIdSchema, RuleSettingSchema.partial()).optional(),
  destinations: z.record(z.string().min(1), DestinationLimitsSchema).optional(),
});
/** The input of {@link defineLimitProfile}. */
export type CustomLimitProfile = z.input<typeof CustomLimitProfileSchema>;

/** What validators accept as a profile: a built-in name, a resolved profile, or a custom one. */
export type ProfileInput = BuiltInProfileName | LimitProfile | CustomLimitProfile;

/** Rule settings by rule id. */
export type RuleSettings = Record<RuleId, RuleSetting>;
