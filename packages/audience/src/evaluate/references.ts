import { AbmKitError, type Problem, type Snapshot } from "@abm-kit/core";
import type { Audience, AudienceType } from "../definition/audience.js";
import type { Condition } from "../definition/condition.js";
import { validateAudience } from "../definition/validate.js";
import { Bitset } from "./bitset.js";
import { compileAudience, type CompiledAudience } from "./compile.js";
import { RunState } from "./plan-node.js";
import { isAudienceResult, type AudienceResult } from "./result.js";

/** The audiences a definition references with `inAudience`, in order of first mention. */
export function referencedAudienceIds(audience: Audience): string[] {
  const out = new Set<string>();
  const walk = (c: Condition | undefined): void => {
    if (c === undefined) return;
    if (c.kind === "inAudience") out.add(c.audienceId);
    else if (c.kind === "and" || c.kind === "or") c.conditions.forEach(walk);
    else if (c.kind === "not") walk(c.condition);
    else if (c.kind === "related") walk(c.where);
  };
  walk(audience.condition);
  return [...out];
}

/** A set of definitions and results that references resolve against. */
export class ReferencePool {
  private readonly definitions = new Map<string, Audience>();
  private readonly results = new Map<string, AudienceResult>();
  private readonly computed = new Map<string, { bits: Bitset; compiled?: CompiledAudience; warnings: Problem[] }>();

  constructor(
    readonly snapshot: Snapshot,
    readonly now: number,
    readonly strict: boolean,
    entries: Iterable<unknown>,
  ) {
    let i = 0;
    for (const entry of entries) {
      if (isAudienceResult(entry)) this.results.set(entry.audienceId, entry);
      else {
        let audience: Audience;
        try {
          audience = validateAudience(entry);
        } catch (error) {
          if (error instanceof AbmKitError) throw new AbmKitError(error.code, `audiences[${i}]: ${error.message}`, error.problems.map((p) => ({ ...p, path: ["audiences", i, ...p.path] })));
          throw error;
        }
        if (this.definitions.has(audience.id)) {
          throw new AbmKitError("DUPLICATE_AUDIENCE", `audience id ${JSON.stringify(audience.id)} is given twice`, [{ path: ["audiences", i, "id"], message: "duplicate audience id" }]);
        }
        this.definitions.set(audience.id, audience);
      }
      i++;
    }
  }

  /** Adds a definition (the one being evaluated); a same-id entry given before is replaced. */
  add(audience: Audience): void {
    this.definitions.set(audience.id, audience);
  }

  /** The type of every audience in the pool. */
  types(): Map<string, AudienceType> {
    const out = new Map<string, AudienceType>();
    for (const [id, r] of this.results) out.set(id, r.type);
    for (const [id, a] of this.definitions) out.set(id, a.type);
    return out;
  }

  /**
   * Evaluates audience `id` after everything it references (depth first);
   * a cycle is an error naming it (`a → b → a`).
   */
  resolve(id: string, trail: string[] = []): { bits: Bitset; compiled?: CompiledAudience; warnings: Problem[] } {
    const done = this.computed.get(id);
    if (done) return done;
    const cycleStart = trail.indexOf(id);
    if (cycleStart >= 0) {
      const cycle = [...trail.slice(cycleStart), id].join(" → ");
      throw new AbmKitError("AUDIENCE_REFERENCE_CYCLE", `audience references form a cycle: ${cycle}`, [{ path: [], message: cycle, code: "cycle" }]);
    }
    const definition = this.definitions.get(id);
    if (definition === undefined) {
      const result = this.results.get(id);
      if (result === undefined) {
        const from = trail[trail.length - 1];
        throw new AbmKitError("UNKNOWN_AUDIENCE_REFERENCE", `audience ${JSON.stringify(id)}${from ? ` (referenced by ${JSON.stringify(from)})` : ""} was not given`, [{ path: [], message: `unknown audience ${id}`, code: "unknown_reference" }]);
      }
      const entry = this.fromResult(result);
      this.computed.set(id, entry);
      return entry;
    }
    const dependencies = new Map<string, Bitset>();
    for (const ref of referencedAudienceIds(definition)) dependencies.set(ref, this.resolve(ref, [...trail, id]).bits);
    const compiled = compileAudience(definition, this.snapshot, { referenceTypes: this.types(), strict: this.strict });
    const state = new RunState(this.snapshot, this.now, dependencies);
    const entry = { bits: state.bits(compiled.root), compiled, warnings: [...compiled.warnings], state };
    this.computed.set(id, entry);
    return entry;
  }

  /** The run state of a resolved definition (for explain). */
  stateOf(id: string): RunState | undefined {
    return (this.computed.get(id) as { state?: RunState } | undefined)?.state;
  }

  private fromResult(result: AudienceResult): { bits: Bitset; warnings: Problem[] } {
    const table = result.type === "account" ? this.snapshot.accounts : this.snapshot.persons;
    const bits = new Bitset(table.size);
    let unknown = 0;
    for (const memberId of result.memberIds) {
      const row = table.indexOf(memberId);
      if (row >= 0) bits.add(row);
      else unknown++;
    }
    const warnings: Problem[] = unknown > 0 ? [{ path: [], message: `${unknown} member(s) of referenced audience ${result.audienceId} are not in this snapshot`, code: "unknown_member" }] : [];
    return { bits, warnings };
  }
}
