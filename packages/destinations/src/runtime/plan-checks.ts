import { ValidationError, type Problem } from "@abm-kit/core";
import type { DestinationLimits } from "@abm-kit/guardrails";
import { destinationLimitFindings } from "@abm-kit/guardrails/internal";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import type { AudienceMembership } from "../definition/membership.js";
import { accountPeopleProblems, sentType } from "./account-people-checks.js";
import type { ActivationPlan } from "./activation-plan.js";
import type { MemberSource } from "./member-source.js";
import { memberSourceProblems } from "./member-source-checks.js";

function planProblem(path: (string | number)[], message: string): Problem {
  return { path, message };
}

/**
 * Checks a plan against its destination before anything is sent: the
 * destination id, mode, audience types, memberships given, mapping targets
 * known and required ones mapped (an audience sent with `people` counts as a
 * person audience, and must be an account audience), and the mapped-attribute limit (checked by
 * guardrails' `destinationLimitFindings`). Raises one `ValidationError` naming every problem.
 */
export function validatePlanAgainstDestination<Settings>(
  plan: ActivationPlan,
  destination: DestinationDefinition<Settings>,
  givenAudiences: readonly AudienceMembership[],
  limits: DestinationLimits,
  /** Member sources of audiences with `source: "sql"` (their type stands in for a membership). */
  sources: readonly MemberSource[] = [],
  hasSnapshot = true,
): void {
  const problems: Problem[] = memberSourceProblems(plan, sources, hasSnapshot);
  // an audience read from a member source has the source's type
  const fromSources: AudienceMembership[] = plan.audiences.flatMap(({ audienceId, source }) => {
    const s = source === "sql" ? sources.find((x) => x.audienceId === audienceId) : undefined;
    return s === undefined ? [] : [{ audienceId, type: s.type, memberIds: [] }];
  });
  const audiences = [...fromSources, ...givenAudiences];
  if (plan.destination.id !== destination.id) {
    problems.push(planProblem(["destination", "id"], `the plan names destination ${plan.destination.id}, not ${destination.id}`));
  }
  if (!destination.delivery.modes.includes(plan.mode)) {
    problems.push(planProblem(["mode"], `destination ${destination.id} does not support ${plan.mode} exports`));
  }
  plan.audiences.forEach(({ audienceId, people, source }, i) => {
    const membership = audiences.find((a) => a.audienceId === audienceId);
    if (membership === undefined) {
      if (source !== "sql")
        // a missing member source is reported above
        problems.push(planProblem(["audiences", i, "audienceId"], `no membership was given for audience ${audienceId}`));
      return;
    }
    if (people !== undefined) problems.push(...accountPeopleProblems(people, membership, audiences, i));
    const sent = sentType(people, membership);
    if (!destination.audienceTypes.includes(sent)) {
      const message =
        people !== undefined && membership.type === "account"
          ? `destination ${destination.id} does not take person audiences: audience ${audienceId} is sent as its accounts' people (option people); it takes only ${destination.audienceTypes.join(" and ")} audiences`
          : `destination ${destination.id} does not take ${sent} audiences`;
      problems.push(planProblem(people !== undefined ? ["audiences", i, "people"] : ["audiences", i], message));
    }
    if ((plan.mapping[sent] ?? []).length === 0) {
      problems.push(planProblem(["mapping", sent], `no ${sent} mapping for audience ${audienceId}`));
    }
  });
  plan.exclusions.audienceIds.forEach((id, i) => {
    if (!givenAudiences.some((a) => a.audienceId === id))
      problems.push(planProblem(["exclusions", "audienceIds", i], `no membership was given for exclusion audience ${id}`));
  });
  for (const type of ["account", "person"] as const) {
    const mapped = new Set((plan.mapping[type] ?? []).map((m) => m.target)).size;
    for (const finding of destinationLimitFindings({ limits, audiences: [], mappedAttributeCount: mapped }, () => `destination ${destination.id}`)) {
      problems.push(planProblem(["mapping", type], finding.message));
    }
    const declared = destination.mappingTargets[type];
    if (declared === undefined || declared.length === 0) continue;
    const names = new Set(declared.map((t) => t.name));
    (plan.mapping[type] ?? []).forEach((m, i) => {
      if (!names.has(m.target) && !(destination.openMappingTargets ?? []).includes(type))
        problems.push(planProblem(["mapping", type, i, "target"], `destination ${destination.id} has no ${type} field ${m.target}`));
    });
    const mappedTargets = new Set((plan.mapping[type] ?? []).map((m) => m.target));
    const used = plan.audiences.some(({ audienceId, people }) => {
      const membership = audiences.find((a) => a.audienceId === audienceId);
      return membership !== undefined && sentType(people, membership) === type;
    });
    if (used) {
      for (const t of declared)
        if (t.required && !mappedTargets.has(t.name)) problems.push(planProblem(["mapping", type], `required field ${t.name} is not mapped`));
    }
  }
  if (problems.length > 0) throw new ValidationError("activation plan", problems);
}
