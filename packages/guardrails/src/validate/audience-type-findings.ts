import type { Finding } from "./finding.js";
import type { ActivationPlanFacts } from "./plan-facts.js";

/**
 * Errors for audiences the destination cannot take: an audience whose
 * members' type is not among `destinationAudienceTypes` (rule
 * `destination.audienceType`; an account audience sent as its people has
 * person members, so a destination that takes only accounts refuses it), and
 * `sentAsPeople` on a person audience (rule `plan.sentAsPeople`: only account
 * audiences have people to send). Audiences of unknown type are checked only
 * when sent as people.
 */
export function audienceTypeFindings(plan: ActivationPlanFacts): Finding[] {
  const findings: Finding[] = [];
  const accepted = plan.destinationAudienceTypes;
  plan.audiences.forEach((audience, i) => {
    const { audienceId, type, sentAsPeople } = audience;
    if (sentAsPeople === true && type === "person") {
      findings.push({
        ruleId: "plan.sentAsPeople",
        severity: "error",
        path: `audiences[${i}].sentAsPeople`,
        limit: "account",
        actual: type,
        audienceId,
        message: `audience ${JSON.stringify(audienceId)} is a person audience: only an account audience can be sent as its accounts' people`,
      });
      return;
    }
    const sent = sentAsPeople === true ? "person" : type;
    if (accepted === undefined || sent === undefined || accepted.includes(sent)) return;
    findings.push({
      ruleId: "destination.audienceType",
      severity: "error",
      path: sentAsPeople === true ? `audiences[${i}].sentAsPeople` : `audiences[${i}].type`,
      limit: accepted.join(", "),
      actual: sent,
      audienceId,
      message:
        sentAsPeople === true
          ? `audience ${JSON.stringify(audienceId)} is sent as its accounts' people (person members), but destination ${plan.destinationId} takes only ${accepted.join(" and ")} audiences`
          : `audience ${JSON.stringify(audienceId)} is a ${sent} audience, but destination ${plan.destinationId} takes only ${accepted.join(" and ")} audiences`,
    });
  });
  return findings;
}
