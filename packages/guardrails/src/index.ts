/**
 * `@abm-kit/guardrails`: limit profiles and the guardrail validator (audiences,
 * compositions, activation plans), data-governance policies (labels × marketing
 * actions) and per-channel consent.
 * @packageDocumentation
 */
export type { ConsentState } from "@abm-kit/core";

// consent
export * from "./consent/merge-consent.js";
export * from "./consent/consent-from-opt-out.js";
export * from "./consent/consent-rule.js";
export * from "./consent/consent-of.js";
export * from "./consent/filter-by-consent.js";

// governance
export * from "./governance/marketing-action.js";
export * from "./governance/policy.js";
export * from "./governance/field-use.js";
export * from "./governance/check-governance.js";
export * from "./governance/core-policies.js";
export * from "./governance/audience-field-uses.js";

// limit profiles
export * from "./limits/destination-limits.js";
export * from "./limits/rule-catalog.js";
export * from "./limits/limit-profile.js";
export * from "./limits/built-in-profiles.js";
export * from "./limits/resolve-profile.js";

// validators
export * from "./audience-walk/lookback.js";
export * from "./audience-walk/measure-audience.js";
export * from "./validate/finding.js";
export * from "./validate/plan-facts.js";
export * from "./validate/validate-plan.js";
export * from "./validate/audience-type-findings.js";
export * from "./validate/destination-limit-findings.js";
export * from "./validate/validate-audience-limits.js";
export * from "./validate/validate-audiences.js";
export * from "./validate/composition-facts.js";
export * from "./validate/composition-shape.js";
export * from "./validate/validate-composition.js";
export * from "./json-schemas.js";

// Streaming-eligibility classification (which audiences can stream, and why
// not) belongs beside the validators, in ./streaming/; meanwhile the audience
// validators take the chosen `evaluation` mode ("batch" | "streaming") as an option.
export * from "./streaming/index.js";
export * from "./error-codes.js";
