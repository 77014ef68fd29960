import type { GuardrailsErrorCode } from "../error-codes.js";
import { AbmKitError, parseOrThrow, problemsFromZod, ValidationError } from "@abm-kit/core";
import { BLUEPRINT_PROFILE, RELAXED_PROFILE } from "./built-in-profiles.js";
import {
  BuiltInProfileNameSchema,
  CustomLimitProfileSchema,
  LimitProfileSchema,
  type BuiltInProfileName,
  type CustomLimitProfile,
  type LimitProfile,
  type ProfileInput,
} from "./limit-profile.js";
import { RULE_IDS } from "./rule-catalog.js";

const BUILT_IN: Readonly<Record<BuiltInProfileName, LimitProfile>> = {
  blueprint: BLUEPRINT_PROFILE,
  relaxed: RELAXED_PROFILE,
};

/**
 * Builds a custom profile from a base and overrides: each rule setting given
 * replaces the base's severity and/or limit; each destination's limits are
 * merged field by field over the base's. An invalid profile raises a
 * `ValidationError` naming each problem (unknown rule ids included).
 */
export function defineLimitProfile(input: CustomLimitProfile): LimitProfile {
  const custom = parseOrThrow(CustomLimitProfileSchema, input, "limit profile");
  const base = typeof custom.extends === "string" ? BUILT_IN[custom.extends] : custom.extends;
  const rules = { ...base.rules };
  for (const id of RULE_IDS) {
    const override = custom.rules?.[id];
    if (override !== undefined) rules[id] = { ...rules[id], ...override };
  }
  const destinations = { ...base.destinations };
  for (const [id, limits] of Object.entries(custom.destinations ?? {})) {
    destinations[id] = { ...destinations[id], ...limits };
  }
  const resolved = { id: custom.id, name: custom.name, description: custom.description, rules, destinations };
  const result = LimitProfileSchema.safeParse(resolved);
  if (!result.success) throw new ValidationError("limit profile", problemsFromZod(result.error));
  return result.data;
}

/**
 * Resolves what a validator was given as its profile: `"blueprint"`,
 * `"relaxed"`, a resolved profile, or a custom one (with `extends`). Anything
 * else raises a typed error naming each problem.
 */
export function resolveProfile(input: ProfileInput): LimitProfile {
  if (typeof input === "string") {
    const name = BuiltInProfileNameSchema.safeParse(input);
    if (!name.success) {
      throw new AbmKitError<GuardrailsErrorCode>("UNKNOWN_PROFILE", `no built-in limit profile is named ${JSON.stringify(input)}`, [
        { path: ["profile"], message: `expected "blueprint", "relaxed" or a profile object` },
      ]);
    }
    return BUILT_IN[name.data];
  }
  if (typeof input === "object" && input !== null && "extends" in input) return defineLimitProfile(input);
  return parseOrThrow(LimitProfileSchema, input, "limit profile");
}
