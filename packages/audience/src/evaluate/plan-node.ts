import type { ProblemPath, Snapshot } from "@abm-kit/core";
import type { Condition } from "../definition/condition.js";
import type { Bitset } from "./bitset.js";
import type { Scope } from "./compile-context.js";

/** What a plan node tells about one row when explained. */
export interface NodeEvidence {
  /** One line for a person to read. */
  readonly summary: string;
  /** The deciding facts: values, counts, ids of persons, events or rows. */
  readonly evidence?: Readonly<Record<string, unknown>>;
  /** Children to explain next, each at a row of its own scope. */
  readonly descend?: ReadonlyArray<{ readonly node: PlanNode; readonly row: number; readonly label?: string }>;
}

/**
 * One compiled condition: computes the set of rows of its scope where the
 * condition holds, over all rows at once.
 */
export interface PlanNode {
  readonly condition: Condition;
  readonly path: ProblemPath;
  readonly scope: Scope;
  readonly children: readonly PlanNode[];
  /** The rows of `scope` where the condition holds. Read through {@link RunState.bits} (cached). */
  compute(state: RunState): Bitset;
  /** Why the condition holds or not for `row`. */
  explain(state: RunState, row: number, held: boolean): NodeEvidence;
}

/** One evaluation: the snapshot, `now`, the members of referenced audiences, and computed node results. */
export class RunState {
  private readonly cache = new Map<PlanNode, Bitset>();

  constructor(
    readonly snapshot: Snapshot,
    /** UTC epoch ms. */
    readonly now: number,
    /** Members (rows) of referenced audiences, by audience id. */
    readonly references: ReadonlyMap<string, Bitset>,
  ) {}

  /** The rows where `node` holds, computed once per run. */
  bits(node: PlanNode): Bitset {
    let bits = this.cache.get(node);
    if (bits === undefined) {
      bits = node.compute(this);
      this.cache.set(node, bits);
    }
    return bits;
  }
}
