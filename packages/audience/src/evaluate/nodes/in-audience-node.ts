import type { AudienceErrorCode } from "../../error-codes.js";
import type { ProblemPath } from "@abm-kit/core";
import { AbmKitError } from "@abm-kit/core";
import type { InAudienceCondition } from "../../definition/condition.js";
import type { Scope } from "../compile-context.js";
import type { PlanNode } from "../plan-node.js";

/** Membership of a referenced audience, read from the run's resolved references. */
export function inAudienceNode(condition: InAudienceCondition, scope: Scope, path: ProblemPath): PlanNode {
  return {
    condition,
    path,
    scope,
    children: [],
    compute: (state) => {
      const members = state.references.get(condition.audienceId);
      if (members === undefined) {
        throw new AbmKitError<AudienceErrorCode>(
          "UNKNOWN_AUDIENCE_REFERENCE",
          `audience ${JSON.stringify(condition.audienceId)} is referenced but was not given`,
          [{ path: [...path, "audienceId"], message: "unknown audience" }],
        );
      }
      return members;
    },
    explain: (_state, row, held) => ({
      summary: `${held ? "member" : "not a member"} of audience ${condition.audienceId}`,
      evidence: { audienceId: condition.audienceId, id: scope.table.id(row) },
    }),
  };
}
