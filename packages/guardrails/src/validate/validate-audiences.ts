import type { NowInput } from "@abm-kit/core";
import type { GuardrailsErrorCode } from "../error-codes.js";
import { AbmKitError, formatPath, type Problem } from "@abm-kit/core";
import { validateAudience, type Audience, type AudienceInput } from "@abm-kit/audience";
import type { ProfileInput } from "../limits/limit-profile.js";
import { resolveProfile } from "../limits/resolve-profile.js";
import type { Finding } from "./finding.js";
import { checkProfileRule } from "./profile-rule-check.js";
import { parseNow } from "./parse-now.js";
import { audienceFindings, type EvaluationMode } from "./validate-audience-limits.js";

/** Options of {@link validateAudiences}. */
export interface ValidateAudiencesOptions {
  readonly profile: ProfileInput;
  /** The evaluation time (ISO instant): makes lookbacks of windows with absolute starts exact. */
  readonly now?: NowInput;
  /** How the audiences are evaluated: one mode for all, or a mode by audience id (default `batch`). */
  readonly evaluation?: EvaluationMode | Readonly<Record<string, EvaluationMode>>;
}

/**
 * Checks a whole set of audience definitions (one sandbox, workspace or
 * project): the per-set counts (account audiences, audience definitions) and
 * every audience's own rules. Findings carry paths under `[index]`. An
 * invalid definition does not stop the others: each of its problems becomes
 * an `audience.invalid` error finding and it is left out of the rules (it
 * still counts as a definition).
 */
export function validateAudiences(audiences: readonly AudienceInput[], options: ValidateAudiencesOptions): Finding[] {
  const profile = resolveProfile(options?.profile);
  const now = parseNow(options.now);
  if (!Array.isArray(audiences)) {
    throw new AbmKitError<GuardrailsErrorCode>("VALIDATION_FAILED", "audiences must be an array", [{ path: [], message: "expected an array" }]);
  }
  const findings: Finding[] = [];
  const valid: { audience: Audience; index: number }[] = [];
  audiences.forEach((input, index) => {
    try {
      valid.push({ audience: validateAudience(input), index });
    } catch (error) {
      const problems: readonly Problem[] = error instanceof AbmKitError ? error.problems : [{ path: [], message: "not a valid audience definition" }];
      for (const problem of problems) {
        findings.push({
          ruleId: "audience.invalid",
          severity: "error",
          path: formatPath([index, ...problem.path]),
          limit: null,
          actual: null,
          message: `audience definition ${index} is invalid: ${problem.message}`,
        });
      }
    }
  });

  const accountCount = valid.filter((v) => v.audience.type === "account").length;
  const total = checkProfileRule(profile, "sandbox.audienceDefinitions", { path: "(root)", actual: audiences.length });
  if (total) findings.push(total);
  const accounts = checkProfileRule(profile, "sandbox.accountAudiences", { path: "(root)", actual: accountCount });
  if (accounts) findings.push(accounts);

  for (const { audience, index } of valid) {
    const mode = options.evaluation;
    const evaluation: EvaluationMode = mode === undefined ? "batch" : typeof mode === "string" ? mode : (mode[audience.id] ?? "batch");
    findings.push(...audienceFindings(audience, profile, { now, evaluation, prefix: `[${index}].` }));
  }
  return findings;
}
