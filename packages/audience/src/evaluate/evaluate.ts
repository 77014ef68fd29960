import { epochMsToInstant, type Problem, type Snapshot } from "@abm-kit/core";
import type { Audience, AudienceInput } from "../definition/audience.js";
import { validateAudience } from "../definition/validate.js";
import type { Bitset } from "./bitset.js";
import { parseNow, type NowInput } from "./now.js";
import { booleanOption, listOption } from "./options.js";
import { ReferencePool, referencedAudienceIds } from "./references.js";
import type { AudienceMembers, AudienceResult } from "./result.js";

/** Options of {@link evaluate}, {@link evaluateAll}, `preview` and `explain`. */
export interface EvaluateOptions {
  /** The evaluation moment. Relative windows are measured from it; later events are ignored. */
  readonly now: NowInput;
  /** Audiences `inAudience` may reference: definitions (evaluated first, in dependency order) or results. */
  readonly audiences?: Iterable<AudienceInput | AudienceMembers>;
  /** Make unknown fields errors instead of missing values (default false). */
  readonly strict?: boolean;
}

/**
 * Evaluates an audience on a snapshot at `now`: validates and compiles the
 * definition, evaluates referenced audiences first, then computes the members
 * over all rows at once. Members come in ascending id order.
 *
 * @example
 * ```ts
 * import { attr, audience, evaluate } from "@abm-kit/audience";
 * import { buildSnapshot } from "@abm-kit/core";
 *
 * const snapshot = buildSnapshot(
 *   { accounts: [{ id: "acc-1", name: "Northwind", industry: "Software", employeeCount: 2500 }] },
 *   { asOf: "2026-11-20T12:00:00Z" },
 * );
 * const icp = audience.account("icp", "ICP").where(attr.text("industry").eq("Software"), attr.number("employeeCount").gte(500));
 * const result = evaluate(icp, snapshot, { now: "2026-11-20T12:00:00Z" });
 * console.log(result.memberIds); // [ "acc-1" ]
 * ```
 * @category Evaluate
 */
export function evaluate(audience: AudienceInput, snapshot: Snapshot, options: EvaluateOptions): AudienceResult {
  const now = parseNow(options?.now);
  const definition = validateAudience(audience);
  const pool = new ReferencePool(snapshot, now, booleanOption(options.strict, ["strict"]), listOption(options.audiences, ["audiences"]));
  pool.add(definition);
  const resolved = pool.resolve(definition.id);
  return toResult(definition, snapshot, now, resolved.bits, collectWarnings(pool, definition));
}

/**
 * Evaluates a set of audiences, each after the audiences it references; a
 * reference cycle is an error naming the cycle, an unknown reference an error
 * naming it. Results come in the order of `audiences`.
 */
export function evaluateAll(audiences: Iterable<AudienceInput>, snapshot: Snapshot, options: EvaluateOptions): AudienceResult[] {
  const now = parseNow(options?.now);
  const list = listOption(audiences, ["audiences"]);
  const pool = new ReferencePool(snapshot, now, booleanOption(options.strict, ["strict"]), [
    ...list,
    ...listOption(options.audiences, ["options", "audiences"]),
  ]);
  return list.map((entry) => {
    const definition = validateAudience(entry);
    const resolved = pool.resolve(definition.id);
    return toResult(definition, snapshot, now, resolved.bits, collectWarnings(pool, definition));
  });
}

/** The warnings of an audience and of the audiences it references. */
function collectWarnings(pool: ReferencePool, audience: Audience, seen = new Set<string>()): Problem[] {
  if (seen.has(audience.id)) return [];
  seen.add(audience.id);
  const own = pool.resolve(audience.id).warnings;
  const out = [...own];
  for (const ref of referencedAudienceIds(audience)) {
    const entry = pool.resolve(ref);
    for (const w of entry.warnings) out.push({ ...w, message: `in referenced audience ${ref}: ${w.message}` });
  }
  return out;
}

function toResult(audience: Audience, snapshot: Snapshot, now: number, bits: Bitset, warnings: Problem[]): AudienceResult {
  const table = audience.type === "account" ? snapshot.accounts : snapshot.persons;
  const memberRows = bits.rows();
  const memberIds = new Array<string>(memberRows.length);
  for (let i = 0; i < memberRows.length; i++) memberIds[i] = table.id(memberRows[i]!);
  return {
    audienceId: audience.id,
    audienceName: audience.name,
    audienceVersion: audience.version,
    type: audience.type,
    now: epochMsToInstant(now),
    memberIds,
    memberRows,
    size: memberRows.length,
    warnings,
  };
}
