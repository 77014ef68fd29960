import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError, type Problem, type Snapshot } from "@abm-kit/core";
import { commonNow, composedResult, type ComposedResult, type MemberList } from "./composed-result.js";
import { toMemberSet } from "./member-set.js";
import { splitPoint } from "./split-hash.js";
import { PercentageSplitOptionsSchema, checkMemberList, checkOptions } from "./composition-options.js";

/** A branch of a percentage split: its id (the id of its result), name and share of the members. */
export interface PercentageBranch {
  readonly id: string;
  readonly name?: string | undefined;
  /** Share in percent, > 0. The branches' shares sum to 100. */
  readonly percent: number;
}

/** Options of {@link splitByPercentage}. */
export interface PercentageSplitOptions {
  /** Mixed into the hash so different experiments split differently; keep it fixed to keep members in their branch. */
  readonly salt: string;
  readonly branches: readonly PercentageBranch[];
  readonly now?: string;
}

const SUM_TOLERANCE = 1e-6;

/** Problems with a list of percentage branches (shares must be positive and sum to 100, ids unique). */
export function percentageBranchProblems(branches: readonly PercentageBranch[], path: readonly (string | number)[] = ["branches"]): Problem[] {
  const problems: Problem[] = [];
  if (branches.length === 0) problems.push({ path: [...path], message: "a split needs at least one branch" });
  const seen = new Set<string>();
  branches.forEach((branch, i) => {
    if (!(Number.isFinite(branch.percent) && branch.percent > 0 && branch.percent <= 100)) {
      problems.push({ path: [...path, i, "percent"], message: "a share is a number above 0 and at most 100" });
    }
    if (seen.has(branch.id)) problems.push({ path: [...path, i, "id"], message: `branch id ${branch.id} is used twice` });
    seen.add(branch.id);
  });
  const sum = branches.reduce((acc, b) => acc + b.percent, 0);
  if (branches.length > 0 && Math.abs(sum - 100) > SUM_TOLERANCE) {
    problems.push({ path: [...path], message: `the shares sum to ${sum}, not 100` });
  }
  return problems;
}

/**
 * Splits members into branches by a deterministic hash of (salt, member id):
 * each member lands in exactly one branch, keeps it between runs, and keeps it
 * when other members join or leave. Branch sizes approach the shares as the
 * audience grows. Results come in branch order.
 */
export function splitByPercentage(input: MemberList, snapshot: Snapshot, options: PercentageSplitOptions): ComposedResult[] {
  checkMemberList(input, "percentage split", "input");
  checkOptions(PercentageSplitOptionsSchema, options, "percentage split");
  const problems = percentageBranchProblems(options.branches);
  if (problems.length > 0) throw new AbmKitError<AudienceErrorCode>("SPLIT_PERCENTAGES_INVALID", "the split's branches are invalid", problems);
  const now = commonNow([input], options.now);
  const upper: number[] = [];
  let cumulative = 0;
  for (const branch of options.branches) {
    cumulative += branch.percent;
    upper.push(cumulative);
  }
  const buckets: string[][] = options.branches.map(() => []);
  for (const id of toMemberSet(input.memberIds)) {
    const point = splitPoint(options.salt, id);
    let b = upper.findIndex((limit) => point < limit);
    if (b < 0) b = options.branches.length - 1; // rounding at the very top of the scale
    buckets[b]!.push(id);
  }
  return options.branches.map((branch, i) => composedResult(branch, snapshot, input.type, now, buckets[i]!, [input]));
}
