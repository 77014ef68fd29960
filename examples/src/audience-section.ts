import { evaluate, evaluateComposition, explain, type AudienceResult, type ExplainNode } from "@abm-kit/audience";
import { AbmKitError, type Snapshot } from "@abm-kit/core";
import { marketingLeaders, seedAudiences, seedCompositions } from "./audiences/index.js";
import { formatAttributes } from "./print-report.js";

/** Renders an explanation tree, one line per condition node, indented by depth. */
function explanationLines(node: ExplainNode, depth = 0, out: string[] = []): string[] {
  out.push(`${"  ".repeat(depth + 2)}${node.held ? "✓" : "✗"} ${node.summary} [${node.scope} ${node.rowId}]`);
  for (const child of node.children) explanationLines(child, depth + 1, out);
  return out;
}

/** Runs `run`; a typed error (an audience this snapshot cannot answer) is logged and gives undefined. */
function attempt<T>(log: (line: string) => void, id: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof AbmKitError)) throw error;
    log(`  ${id}: skipped (${error.code}: ${error.message})`);
    return undefined;
  }
}

/**
 * Evaluates every seed audience and composition on a snapshot at `now`, prints
 * each one's size and one explanation, and returns every result (audiences,
 * then composition outputs). An audience the snapshot cannot answer (say, a
 * related table it lacks) is reported and skipped; the rest still run.
 */
export async function runAudienceSection(log: (line: string) => void, snapshot: Snapshot, now: string): Promise<AudienceResult[]> {
  log(`Seed audiences at ${now}:`);
  const audiences = seedAudiences.flatMap((audience) => attempt(log, audience.id, () => [evaluate(audience, snapshot, { now })]) ?? []);
  const composed = seedCompositions.flatMap(
    (composition) =>
      attempt(log, composition.id, () => evaluateComposition(composition, snapshot, { now, results: audiences, compositions: seedCompositions })) ?? [],
  );
  const all: AudienceResult[] = [...audiences, ...composed];
  const width = Math.max(0, ...all.map((r) => r.audienceId.length));
  for (const result of all) log(`  ${result.audienceId.padEnd(width)} ${String(result.size).padStart(6)} ${result.type}s  ${result.audienceName}`);

  const leaders = audiences.find((r) => r.audienceId === marketingLeaders.id);
  const memberId = leaders?.memberIds[0] ?? snapshot.persons.ids?.[0];
  if (memberId !== undefined) {
    const why = explain(marketingLeaders, snapshot, memberId, { now });
    log(`  Why ${memberId} ${why.member ? "is" : "is not"} in ${marketingLeaders.id}:`);
    for (const line of explanationLines(why.root)) log(line);
  }

  const target = composed.find((r) => r.audienceId === "icp-target");
  for (const member of target?.members?.slice(0, 3) ?? []) log(`  icp-target member ${member.id}: ${formatAttributes(member.attributes)}`);
  return all;
}
