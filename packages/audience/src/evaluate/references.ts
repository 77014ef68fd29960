import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError, type Problem, type Snapshot } from "@abm-kit/core";
import type { Audience, AudienceType } from "../definition/audience.js";
import type { Condition } from "../definition/condition.js";
import { validateAudience } from "../definition/validate.js";
import { Bitset } from "./bitset.js";
import { compileAudience, type CompiledAudience } from "./compile.js";
import { dependencyOrder } from "./dependency-order.js";
import { RunState } from "./plan-node.js";
import { isAudienceResult, type AudienceMembers } from "./result.js";

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

/** An evaluated audience: its member rows, its compiled plan (for a definition) and its warnings. */
export interface ResolvedAudience {
  readonly bits: Bitset;
  readonly compiled?: CompiledAudience;
  readonly warnings: Problem[];
}

/** A set of definitions and results that references resolve against. */
export class ReferencePool {
  private readonly definitions = new Map<string, Audience>();
  private readonly results = new Map<string, AudienceMembers>();
  private readonly computed = new Map<string, ResolvedAudience & { state?: RunState }>();
  private typeMap: Map<string, AudienceType> | undefined;

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
          if (error instanceof AbmKitError)
            throw new AbmKitError(
              error.code,
              `audiences[${i}]: ${error.message}`,
              error.problems.map((p) => ({ ...p, path: ["audiences", i, ...p.path] })),
            );
          throw error;
        }
        if (this.definitions.has(audience.id)) {
          throw new AbmKitError<AudienceErrorCode>("DUPLICATE_AUDIENCE", `audience id ${JSON.stringify(audience.id)} is given twice`, [
            { path: ["audiences", i, "id"], message: "duplicate audience id" },
          ]);
        }
        this.definitions.set(audience.id, audience);
      }
      i++;
    }
  }

  /** Adds a definition (the one being evaluated); a same-id entry given before is replaced. */
  add(audience: Audience): void {
    this.definitions.set(audience.id, audience);
    this.typeMap = undefined;
  }

  /** The type of every audience in the pool. */
  types(): Map<string, AudienceType> {
    if (this.typeMap !== undefined) return this.typeMap;
    const out = new Map<string, AudienceType>();
    for (const [id, r] of this.results) out.set(id, r.type);
    for (const [id, a] of this.definitions) out.set(id, a.type);
    return (this.typeMap = out);
  }

  /**
   * Evaluates audience `id` after everything it references (in dependency
   * order, without recursion, so a chain of any length is safe); a cycle is an
   * error naming it (`a → b → a`), an unknown reference an error naming it.
   */
  resolve(id: string): ResolvedAudience {
    const done = this.computed.get(id);
    if (done) return done;
    const order = dependencyOrder(
      [id],
      (ref, from) => {
        if (this.computed.has(ref)) return undefined;
        const definition = this.definitions.get(ref);
        if (definition !== undefined) return referencedAudienceIds(definition);
        if (this.results.has(ref)) return undefined;
        throw new AbmKitError<AudienceErrorCode>(
          "UNKNOWN_AUDIENCE_REFERENCE",
          `audience ${JSON.stringify(ref)}${from ? ` (referenced by ${JSON.stringify(from)})` : ""} was not given`,
          [{ path: [], message: `unknown audience ${ref}`, code: "unknown_reference" }],
        );
      },
      (cycle) => {
        const text = cycle.join(" → ");
        throw new AbmKitError<AudienceErrorCode>("AUDIENCE_REFERENCE_CYCLE", `audience references form a cycle: ${text}`, [
          { path: [], message: text, code: "cycle" },
        ]);
      },
    );
    for (const ref of order) this.computeDefinition(this.definitions.get(ref)!);
    return this.entry(id);
  }

  /** A computed entry, or the entry of a given result (computed on first use). */
  private entry(id: string): ResolvedAudience {
    const done = this.computed.get(id);
    if (done) return done;
    const entry = this.fromResult(this.results.get(id)!);
    this.computed.set(id, entry);
    return entry;
  }

  /** Evaluates a definition whose references are all computed or given as results. */
  private computeDefinition(definition: Audience): void {
    const dependencies = new Map<string, Bitset>();
    for (const ref of referencedAudienceIds(definition)) dependencies.set(ref, this.entry(ref).bits);
    const compiled = compileAudience(definition, this.snapshot, { referenceTypes: this.types(), strict: this.strict });
    const state = new RunState(this.snapshot, this.now, dependencies);
    this.computed.set(definition.id, { bits: state.bits(compiled.root), compiled, warnings: [...compiled.warnings], state });
  }

  /** The run state of a resolved definition (for explain). */
  stateOf(id: string): RunState | undefined {
    return this.computed.get(id)?.state;
  }

  private fromResult(result: AudienceMembers): ResolvedAudience {
    const table = result.type === "account" ? this.snapshot.accounts : this.snapshot.persons;
    const bits = new Bitset(table.size);
    let unknown = 0;
    for (const memberId of result.memberIds) {
      const row = typeof memberId === "string" ? table.indexOf(memberId) : -1;
      if (row >= 0) bits.add(row);
      else unknown++;
    }
    const warnings: Problem[] =
      unknown > 0
        ? [{ path: [], message: `${unknown} member(s) of referenced audience ${result.audienceId} are not in this snapshot`, code: "unknown_member" }]
        : [];
    return { bits, warnings };
  }
}
