/**
 * `@abm-kit/guardrails/internal`: building blocks that other abm-kit packages share.
 * This subpath is unstable: names here may change or disappear in any release,
 * including a patch. Do not import it from application code; use `@abm-kit/guardrails`.
 * @packageDocumentation
 */
export { destinationLimitFindings, type DestinationLimitFacts } from "../validate/destination-limit-findings.js";
