/**
 * `@abm-kit/guardrails`: limit profiles and the guardrail validator (audiences,
 * compositions, activation plans), data-governance policies (labels × marketing
 * actions) and per-channel consent.
 * @packageDocumentation
 */
export type { ConsentState } from "@abm-kit/core";

// consent
export { mergeConsent, mergeConsentRecords } from "./consent/merge-consent.js";
export { consentFromOptOut } from "./consent/consent-from-opt-out.js";
export { ConsentRuleSchema, type ConsentRule } from "./consent/consent-rule.js";
export { consentOf } from "./consent/consent-of.js";
export { filterByConsent, type ConsentFilterResult } from "./consent/filter-by-consent.js";

// governance
export { describeMarketingAction, BUILT_IN_MARKETING_ACTIONS, type MarketingAction, type MarketingActionDescription } from "./governance/marketing-action.js";
export {
  parseGovernancePolicy,
  parseGovernancePolicies,
  EnforcementSchema,
  GovernancePolicySchema,
  type Enforcement,
  type GovernancePolicy,
} from "./governance/policy.js";
export { GovernanceFieldUseSchema, type GovernanceFieldUse } from "./governance/field-use.js";
export { checkGovernance, type GovernanceViolation, type GovernanceCheckResult, type GovernanceCheckInput } from "./governance/check-governance.js";
export { CORE_GOVERNANCE_POLICIES } from "./governance/core-policies.js";
export { audienceFieldUses } from "./governance/audience-field-uses.js";

// limit profiles
export { strictestLimits, DestinationLimitsSchema, type DestinationLimits } from "./limits/destination-limits.js";
export { RULE_IDS, RuleIdSchema, RULE_CATALOG, type RuleKind, type RuleDescription, type RuleId } from "./limits/rule-catalog.js";
export {
  RuleSeveritySchema,
  RuleSettingSchema,
  LimitProfileSchema,
  BuiltInProfileNameSchema,
  CustomLimitProfileSchema,
  type RuleSeverity,
  type RuleSetting,
  type RuleSettings,
  type LimitProfile,
  type BuiltInProfileName,
  type CustomLimitProfile,
  type ProfileInput,
} from "./limits/limit-profile.js";
export { BLUEPRINT_PROFILE, RELAXED_PROFILE } from "./limits/built-in-profiles.js";
export { defineLimitProfile, resolveProfile } from "./limits/resolve-profile.js";

// validators
export { hasErrors, type Finding } from "./validate/finding.js";
export { ActivationPlanFactsSchema, type ActivationPlanFacts } from "./validate/plan-facts.js";
export { validatePlan, type ValidateOptions } from "./validate/validate-plan.js";
export { validateAudienceLimits, type EvaluationMode, type ValidateAudienceOptions } from "./validate/validate-audience-limits.js";
export { validateAudiences, type ValidateAudiencesOptions } from "./validate/validate-audiences.js";
export { CompositionBlockKindSchema, CompositionFactsSchema, type CompositionBlockKind, type CompositionFacts } from "./validate/composition-facts.js";
export { validateComposition, type ValidateCompositionOptions } from "./validate/validate-composition.js";
export { governancePolicyJsonSchema, limitProfileJsonSchema, activationPlanFactsJsonSchema } from "./json-schemas.js";

// streaming eligibility (which audiences abm-kit can stream, and why not)
export { classify, type Classification, type ClassifyOptions } from "./streaming/classify.js";

// error codes
export { GUARDRAILS_ERROR_CODES, type GuardrailsErrorCode } from "./error-codes.js";
