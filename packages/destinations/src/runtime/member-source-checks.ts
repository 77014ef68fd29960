import type { Problem } from "@abm-kit/core";
import type { ActivationPlan } from "./activation-plan.js";
import type { MemberSource } from "./member-source.js";

/**
 * What is wrong with where a plan's audiences read their members: an audience
 * with `source: "sql"` needs a member source for it (and cannot be sent as its
 * accounts' people), and its type's mapping may read only what that source can;
 * an audience reading from the Snapshot (the default) needs the Snapshot and no
 * member source of its own; every member source given serves one audience of the plan.
 */
export function memberSourceProblems(plan: ActivationPlan, sources: readonly MemberSource[], hasSnapshot: boolean): Problem[] {
  const problems: Problem[] = [];
  plan.audiences.forEach(({ audienceId, people, source = "snapshot" }, i) => {
    const given = sources.find((s) => s.audienceId === audienceId);
    if (source === "snapshot") {
      if (given !== undefined)
        problems.push({
          path: ["audiences", i, "source"],
          message: `a member source was given for audience ${audienceId}, which reads from the Snapshot; set source "sql" to read from the member source`,
        });
      if (!hasSnapshot)
        problems.push({
          path: ["audiences", i, "source"],
          message: `audience ${audienceId} reads from the Snapshot (the default source), but no snapshot was given`,
        });
      return;
    }
    if (given === undefined) {
      problems.push({ path: ["audiences", i, "source"], message: `audience ${audienceId} reads from a SQL member source, but memberSources has none for it` });
      return;
    }
    if (people !== undefined)
      problems.push({
        path: ["audiences", i, "people"],
        message: `audience ${audienceId} reads from a SQL member source; option people (an account audience sent as its accounts' people) needs the Snapshot`,
      });
    (plan.mapping[given.type] ?? []).forEach((m, j) => {
      const why = m.source === undefined ? undefined : given.unsupportedSource(m.source);
      if (why !== undefined) problems.push({ path: ["mapping", given.type, j, "source"], message: `audience ${audienceId}: ${why}` });
    });
  });
  const seen = new Set<string>();
  sources.forEach((s, k) => {
    if (seen.has(s.audienceId)) problems.push({ path: ["memberSources", k], message: `a second member source for audience ${s.audienceId}` });
    seen.add(s.audienceId);
    if (!plan.audiences.some((a) => a.audienceId === s.audienceId))
      problems.push({ path: ["memberSources", k], message: `the plan has no audience ${s.audienceId} for this member source` });
  });
  return problems;
}
