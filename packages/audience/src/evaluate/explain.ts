import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError, epochMsToInstant, formatPath, type Snapshot } from "@abm-kit/core";
import type { Condition } from "../definition/condition.js";
import { validateAudience } from "../definition/validate.js";
import type { AudienceInput } from "../definition/audience.js";
import type { EvaluateOptions } from "./evaluate.js";
import { parseNow } from "./now.js";
import { booleanOption, listOption } from "./options.js";
import type { PlanNode, RunState } from "./plan-node.js";
import { ReferencePool } from "./references.js";

/** One condition node explained for one row: whether it held and the evidence that decided it. */
export interface ExplainNode {
  /** Where the node is in the definition, e.g. `condition.conditions[1].where`. */
  readonly path: string;
  readonly kind: Condition["kind"];
  /** The rows it was evaluated on (`account`, `person`, `related:intent`, …) and which row. */
  readonly scope: string;
  readonly rowId: string;
  readonly held: boolean;
  readonly summary: string;
  readonly evidence?: Readonly<Record<string, unknown>>;
  readonly children: ExplainNode[];
}

/** Why an entity is or is not a member of an audience. */
export interface Explanation {
  readonly audienceId: string;
  readonly memberId: string;
  readonly member: boolean;
  readonly now: string;
  readonly root: ExplainNode;
}

/**
 * Explains audience membership for one account or person (member or not): a
 * tree mirroring the condition with held/failed per node and the deciding
 * evidence — values, the related rows that matched, the events counted. Under
 * a related condition, its `where` is explained for the deciding related row.
 */
export function explain(audience: AudienceInput, snapshot: Snapshot, memberId: string, options: EvaluateOptions): Explanation {
  const now = parseNow(options?.now);
  const definition = validateAudience(audience);
  const table = definition.type === "account" ? snapshot.accounts : snapshot.persons;
  const row = typeof memberId === "string" ? table.indexOf(memberId) : -1;
  if (row < 0) {
    throw new AbmKitError<AudienceErrorCode>(
      "UNKNOWN_MEMBER",
      `the snapshot has no ${definition.type} ${typeof memberId === "string" ? JSON.stringify(memberId) : "(the member id is not a string)"}`,
      [{ path: ["memberId"], message: `unknown ${definition.type} id` }],
    );
  }
  const pool = new ReferencePool(snapshot, now, booleanOption(options.strict, ["strict"]), listOption(options.audiences, ["audiences"]));
  pool.add(definition);
  const resolved = pool.resolve(definition.id);
  const state = pool.stateOf(definition.id)!;
  return {
    audienceId: definition.id,
    memberId,
    member: resolved.bits.has(row),
    now: epochMsToInstant(now),
    root: explainNode(resolved.compiled!.root, state, row),
  };
}

function explainNode(node: PlanNode, state: RunState, row: number): ExplainNode {
  const held = state.bits(node).has(row);
  const { summary, evidence, descend } = node.explain(state, row, held);
  return {
    path: formatPath(node.path),
    kind: node.condition.kind,
    scope: node.scope.label,
    rowId: node.scope.table.id(row),
    held,
    summary,
    ...(evidence ? { evidence } : {}),
    children: (descend ?? []).map((d) => explainNode(d.node, state, d.row)),
  };
}
