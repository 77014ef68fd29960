import type { NowInput } from "@abm-kit/core";
import { validateAudience, type Audience, type AudienceInput } from "@abm-kit/audience";
import { measureAudience } from "../audience-walk/measure-audience.js";
import type { LimitProfile, ProfileInput } from "../limits/limit-profile.js";
import { resolveProfile } from "../limits/resolve-profile.js";
import type { Finding } from "./finding.js";
import { parseNow } from "./parse-now.js";
import { checkProfileRule } from "./profile-rule-check.js";

/** How an audience is to be evaluated: in daily batches, or streaming as events arrive. */
export type EvaluationMode = "batch" | "streaming";

/** Options of {@link validateAudienceLimits}. */
export interface ValidateAudienceOptions {
  readonly profile: ProfileInput;
  /** The evaluation time (ISO instant): makes lookbacks of windows with absolute starts exact. */
  readonly now?: NowInput;
  /** How the audience is to be evaluated (default `batch`). */
  readonly evaluation?: EvaluationMode;
}

/**
 * Checks one audience definition against a limit profile's audience rules
 * (account audiences: nesting, rules per container, entity switches,
 * relationship levels, values per field, person-event lookback, ordering,
 * streaming; person audiences: streaming with conditions on other entities). Returns every finding, each with the path of the node in the
 * definition. An invalid definition or profile raises a `ValidationError`
 * naming each problem; a valid one never makes it throw.
 */
export function validateAudienceLimits(input: AudienceInput, options: ValidateAudienceOptions): Finding[] {
  const profile = resolveProfile(options?.profile);
  const now = parseNow(options.now);
  const audience = validateAudience(input);
  return audienceFindings(audience, profile, { now, evaluation: options.evaluation ?? "batch" });
}

/** The audience-rule findings of a valid audience, with paths under `prefix`. */
export function audienceFindings(
  audience: Audience,
  profile: LimitProfile,
  options: { now: number | undefined; evaluation: EvaluationMode; prefix?: string },
): Finding[] {
  if (audience.type === "person") return personAudienceFindings(audience, profile, options);
  const prefix = options.prefix ?? "";
  const audienceId = audience.id;
  const m = measureAudience(audience, options.now === undefined ? {} : { now: options.now });
  const findings: Finding[] = [];
  const push = (finding: Finding | undefined) => {
    if (finding !== undefined) findings.push(finding);
  };
  const at = (path: string) => prefix + path;

  if (options.evaluation === "streaming") {
    push(
      checkProfileRule(profile, "accountAudience.streaming", {
        path: at("condition"),
        actual: 1,
        audienceId,
        detail: "account audiences are evaluated in batches; abm-kit can stream them",
      }),
    );
  }
  push(
    checkProfileRule(profile, "accountAudience.nestedContainers", {
      path: at(m.containerDepth.path),
      actual: m.containerDepth.value,
      audienceId,
    }),
  );
  for (const container of m.rulesPerContainer) {
    push(
      checkProfileRule(profile, "accountAudience.rulesPerContainer", {
        path: at(container.path),
        actual: container.value,
        audienceId,
      }),
    );
  }
  push(
    checkProfileRule(profile, "accountAudience.entitySwitches", {
      path: at(m.entitySwitches.path),
      actual: m.entitySwitches.value,
      audienceId,
    }),
  );
  push(
    checkProfileRule(profile, "accountAudience.relationshipLevels", {
      path: at(m.relationshipLevels.path),
      actual: m.relationshipLevels.value,
      audienceId,
    }),
  );
  for (const list of m.valuesPerField) {
    push(
      checkProfileRule(profile, "accountAudience.valuesPerField", {
        path: at(list.path),
        actual: list.value,
        audienceId,
        detail: `field ${list.field}`,
      }),
    );
  }
  for (const sequence of m.sequences) {
    push(
      checkProfileRule(profile, "accountAudience.eventOrdering", {
        path: at(sequence.path),
        actual: 1,
        audienceId,
        detail: `a sequence of ${sequence.value} steps; abm-kit evaluates it`,
      }),
    );
  }
  for (const lookback of m.personEventLookbacks) {
    push(lookbackFinding(profile, at(lookback.path), lookback.value, audienceId));
  }
  return findings;
}

/**
 * A person audience's rules: streamed, each condition on another entity (a
 * related condition: the person's accounts, opportunity roles, campaign
 * memberships, related rows) is one the blueprint platform evaluates in batches.
 */
function personAudienceFindings(audience: Audience, profile: LimitProfile, options: { evaluation: EvaluationMode; prefix?: string }): Finding[] {
  if (options.evaluation !== "streaming") return [];
  const findings: Finding[] = [];
  for (const hop of measureAudience(audience).hops) {
    const finding = checkProfileRule(profile, "personAudience.multiEntityStreaming", {
      path: (options.prefix ?? "") + hop.path,
      actual: 1,
      audienceId: audience.id,
      detail: `a condition on ${hop.value}; the platform evaluates multi-entity audiences in batches (classify() says what abm-kit streams)`,
    });
    if (finding !== undefined) findings.push(finding);
  }
  return findings;
}

function lookbackFinding(profile: LimitProfile, path: string, lookback: number | "unbounded" | "unknown", audienceId: string): Finding | undefined {
  const ruleId = "accountAudience.personEventLookbackDays";
  if (typeof lookback === "number") {
    return checkProfileRule(profile, ruleId, {
      path,
      actual: lookback,
      audienceId,
      detail: "abm-kit evaluates longer windows",
    });
  }
  const setting = profile.rules[ruleId];
  if (setting.severity === "off") return undefined;
  const limit = setting.limit ?? null;
  if (lookback === "unbounded") {
    return {
      ruleId,
      severity: setting.severity,
      path,
      limit,
      actual: "unbounded",
      audienceId,
      message: `${profile.name}: person events in account audience ${JSON.stringify(audienceId)} may look back at most ${limit} days, but this window has no start`,
    };
  }
  return {
    ruleId,
    severity: "warning",
    path,
    limit,
    actual: "unknown",
    audienceId,
    message: `the lookback of this person-event window in audience ${JSON.stringify(audienceId)} is unknown (it starts at an absolute time): pass \`now\` to check it against ${limit} days`,
  };
}
