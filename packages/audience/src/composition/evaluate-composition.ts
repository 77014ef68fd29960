import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError, ValidationError, epochMsToInstant, problemsFromZod, type Problem, type ProblemPath, type Snapshot } from "@abm-kit/core";
import type { AudienceInput, AudienceType } from "../definition/audience.js";
import { dependencyOrder } from "../evaluate/dependency-order.js";
import { evaluate, evaluateAll } from "../evaluate/evaluate.js";
import { parseNow as parseEvaluationNow, type NowInput } from "../evaluate/now.js";
import { optionsObject } from "../evaluate/options.js";
import { compositionDepthProblems } from "./composition-depth.js";
import { checkMemberLists, composedResult, type ComposedResult, type MemberList } from "./composed-result.js";
import { CompositionSchema, type Composition, type CompositionInput, type CompositionNode } from "./composition.schema.js";
import { enrich } from "./enrich.js";
import { priorityList } from "./priority-list.js";
import { rank } from "./rank.js";
import { exclude, intersect, union } from "./set-operations.js";
import { splitByAttribute } from "./split-by-attribute.js";
import { splitByPercentage } from "./split-by-percentage.js";

/** Options of {@link evaluateComposition} and {@link evaluateCompositions}. */
export interface CompositionOptions {
  /** The evaluation moment (see `NowInput`); every audience and window is evaluated at it. */
  readonly now: NowInput;
  /** Audience definitions the compositions may reference by id (those referenced are evaluated together, their own references resolved). */
  readonly audiences?: readonly AudienceInput[];
  /** Results already evaluated (audiences or compositions) that may be referenced by id. */
  readonly results?: readonly MemberList[];
  /** Other compositions whose results (or branches) may be referenced by id. */
  readonly compositions?: readonly CompositionInput[];
}

const fail = (code: AudienceErrorCode, message: string, path: ProblemPath): never => {
  throw new AbmKitError<AudienceErrorCode>(code, message, [{ path: [...path], message }]);
};

/** The ids of the results a composition yields: its own, or each branch's. */
export function compositionOutputIds(composition: Composition): string[] {
  const split = composition.split;
  if (split === undefined) return [composition.id];
  const branches = split.by === "priority" ? split.tiers : split.branches;
  return [...branches.map((b) => b.id), ...(split.by !== "percentage" && split.otherwise ? [split.otherwise.id] : [])];
}

/** The audience ids a composition node tree references. */
function referencedIds(node: CompositionNode, out: Set<string>): Set<string> {
  switch (node.kind) {
    case "audience":
      out.add(node.audienceId);
      break;
    case "definition":
      break;
    case "union":
    case "intersect":
      node.inputs.forEach((n) => referencedIds(n, out));
      break;
    case "exclude":
      referencedIds(node.from, out);
      node.exclude.forEach((n) => referencedIds(n, out));
      break;
    case "rank":
      referencedIds(node.input, out);
      break;
  }
  return out;
}

/** The ids a composition references, in its members and its priority tiers. */
function compositionReferences(composition: Composition): Set<string> {
  const out = referencedIds(composition.members, new Set());
  if (composition.split?.by === "priority") composition.split.tiers.forEach((t) => referencedIds(t.members, out));
  return out;
}

/** One evaluation: caches every audience and composition result so each is computed once. */
class CompositionRun {
  private readonly known = new Map<string, MemberList>();
  private readonly producer = new Map<string, Composition>();
  private readonly evaluating: string[] = [];
  private audiencesDone = false;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly now: string,
    private readonly options: CompositionOptions,
    private readonly compositions: readonly Composition[],
  ) {
    checkMemberLists(options.results ?? [], "results", "results");
    for (const result of options.results ?? []) this.known.set(result.audienceId, result);
    const problems: Problem[] = [];
    compositions.forEach((composition, i) => {
      for (const id of compositionOutputIds(composition)) {
        if (this.producer.has(id) || this.known.has(id)) problems.push({ path: ["compositions", i], message: `result id ${id} is produced twice` });
        this.producer.set(id, composition);
      }
    });
    if (problems.length > 0) throw new AbmKitError<AudienceErrorCode>("DUPLICATE_RESULT_ID", "two compositions produce results with the same id", problems);
  }

  /** Every result of a composition, in branch order; the compositions it references are evaluated first, in dependency order. */
  results(composition: Composition): ComposedResult[] {
    const ids = compositionOutputIds(composition);
    const done = (c: Composition) => compositionOutputIds(c).every((id) => this.known.has(id));
    if (!done(composition)) {
      const byId = new Map(this.compositions.map((c) => [c.id, c] as const));
      const order = dependencyOrder(
        [composition.id],
        (id) => {
          const c = byId.get(id)!;
          if (done(c)) return undefined;
          const refs = new Set<string>();
          for (const ref of compositionReferences(c)) {
            const producer = this.known.has(ref) ? undefined : this.producer.get(ref);
            if (producer !== undefined) refs.add(producer.id);
          }
          return [...refs];
        },
        (cycle) => fail("COMPOSITION_CYCLE", `compositions reference each other in a cycle: ${cycle.join(" → ")}`, ["members"]),
      );
      for (const id of order) if (!done(byId.get(id)!)) this.evaluate(byId.get(id)!);
    }
    return ids.map((id) => this.known.get(id) as ComposedResult);
  }

  private evaluate(composition: Composition): void {
    const cycleStart = this.evaluating.indexOf(composition.id);
    if (cycleStart >= 0) {
      const cycle = [...this.evaluating.slice(cycleStart), composition.id].join(" → ");
      fail("COMPOSITION_CYCLE", `compositions reference each other in a cycle: ${cycle}`, ["members"]);
    }
    this.evaluating.push(composition.id);
    try {
      for (const result of this.compose(composition)) this.known.set(result.audienceId, result);
    } finally {
      this.evaluating.pop();
    }
  }

  private compose(composition: Composition): ComposedResult[] {
    const { type, version } = composition;
    const { snapshot, now } = this;
    const members = union([this.node(composition.members, type, ["members"])], snapshot, { id: composition.id, name: composition.name, version, now });
    const split = composition.split;
    let results: ComposedResult[];
    if (split === undefined) results = [members];
    else if (split.by === "percentage") results = splitByPercentage(members, snapshot, { salt: split.salt, branches: split.branches, now });
    else if (split.by === "attribute")
      results = splitByAttribute(members, snapshot, { field: split.field, branches: split.branches, otherwise: split.otherwise, now }).results;
    else {
      const tiers = split.tiers.map((tier, i) => ({
        id: tier.id,
        name: tier.name,
        list: intersect([members, this.node(tier.members, type, ["split", "tiers", i, "members"])], snapshot, { id: tier.id, now }),
      }));
      results = priorityList(tiers, snapshot, { now });
      if (split.otherwise !== undefined) {
        const rest = exclude(members, results, snapshot, { id: split.otherwise.id, now });
        results.push(composedResult(split.otherwise, snapshot, type, now, rest.memberIds, [members]));
      }
    }
    results = results.map((r) => ({ ...r, audienceVersion: version }));
    if (composition.enrich === undefined) return results;
    const attributes = composition.enrich;
    return results.map((result) => enrich(result, snapshot, attributes, { now }));
  }

  private node(node: CompositionNode, type: AudienceType, path: ProblemPath): MemberList {
    const out = { id: path.join("."), now: this.now };
    switch (node.kind) {
      case "audience":
        return this.checked(this.reference(node.audienceId, [...path, "audienceId"]), type, path);
      case "definition": {
        const references = [...(this.options.audiences ?? []).filter((a) => idOf(a) !== node.audience.id), ...this.known.values()];
        return this.checked(evaluate(node.audience, this.snapshot, { now: this.now, audiences: references }), type, path);
      }
      case "union":
        return union(
          node.inputs.map((n, i) => this.node(n, type, [...path, "inputs", i])),
          this.snapshot,
          out,
        );
      case "intersect":
        return intersect(
          node.inputs.map((n, i) => this.node(n, type, [...path, "inputs", i])),
          this.snapshot,
          out,
        );
      case "exclude":
        return exclude(
          this.node(node.from, type, [...path, "from"]),
          node.exclude.map((n, i) => this.node(n, type, [...path, "exclude", i])),
          this.snapshot,
          out,
        );
      case "rank":
        return rank(this.node(node.input, type, [...path, "input"]), this.snapshot, { ...out, by: node.by, order: node.order, limit: node.limit });
    }
  }

  private checked(list: MemberList, type: AudienceType, path: ProblemPath): MemberList {
    if (list.type !== type) fail("COMPOSITION_TYPE_MISMATCH", `${list.audienceId} holds ${list.type}s, the composition ${type}s`, path);
    return list;
  }

  private reference(id: string, path: ProblemPath): MemberList {
    const known = this.known.get(id);
    if (known !== undefined) return known;
    const composition = this.producer.get(id);
    if (composition !== undefined) {
      this.evaluate(composition);
      return this.known.get(id)!;
    }
    const audiences = this.options.audiences ?? [];
    if (!this.audiencesDone && audiences.some((a) => idOf(a) === id)) {
      this.audiencesDone = true;
      this.evaluateReferencedAudiences(audiences);
      return this.reference(id, path);
    }
    return fail("UNKNOWN_AUDIENCE", `no audience, composition or result has id ${id}`, path);
  }

  /** Evaluates, in one pass, every given audience that some composition references. */
  private evaluateReferencedAudiences(audiences: readonly AudienceInput[]): void {
    const wanted = new Set<string>();
    for (const composition of this.compositions) for (const id of compositionReferences(composition)) wanted.add(id);
    const targets = audiences.filter((a) => wanted.has(idOf(a)!) && !this.known.has(idOf(a)!));
    const others = [...audiences.filter((a) => !targets.includes(a)), ...this.known.values()];
    for (const result of evaluateAll(targets, this.snapshot, { now: this.now, audiences: others })) this.known.set(result.audienceId, result);
  }
}

/** The id of a given audience definition (undefined for a value that is not an object). */
const idOf = (audience: unknown): string | undefined =>
  typeof audience === "object" && audience !== null ? ((audience as { id?: unknown }).id as string | undefined) : undefined;

/** The options object and its lists (their entries are checked where they are used). */
function checkCompositionOptions(options: unknown): void {
  const given = optionsObject(options as object);
  for (const key of ["audiences", "results", "compositions"] as const) {
    const value = (given as Record<string, unknown>)[key];
    if (value !== undefined && !Array.isArray(value)) fail("INVALID_OPTIONS", `${key} must be an array`, [key]);
  }
}

function parseNow(now: NowInput): string {
  return epochMsToInstant(parseEvaluationNow(now));
}

/** A composition's schema problems, or its nesting problems when it nests too deep to parse. */
function compositionProblems(input: unknown, path: ProblemPath): { problems: Problem[]; parsed?: Composition } {
  const tooDeep = compositionDepthProblems(input, path);
  if (tooDeep.length > 0) return { problems: tooDeep };
  const result = CompositionSchema.safeParse(input);
  return result.success ? { problems: [], parsed: result.data } : { problems: problemsFromZod(result.error, path) };
}

function parseComposition(input: unknown): Composition {
  const { problems, parsed } = compositionProblems(input, []);
  if (parsed === undefined) throw new ValidationError("composition", problems);
  return parsed;
}

function parseCompositions(inputs: readonly unknown[], path: string): Composition[] {
  if (!Array.isArray(inputs)) fail("INVALID_OPTIONS", `${path} must be an array of compositions`, [path]);
  const problems: Problem[] = [];
  const parsed = inputs.map((input, i) => {
    const result = compositionProblems(input, [path, i]);
    problems.push(...result.problems);
    return result.parsed;
  });
  if (problems.length > 0) throw new ValidationError("composition", problems);
  return parsed as Composition[];
}

/**
 * Evaluates a composition at `now`: its member tree (referenced audiences,
 * compositions and results resolved by id, each computed once), then its split,
 * then enrich. Returns one result per output (the composition's id, or each
 * branch's), each an audience result. The composition is validated first
 * (typed error naming every problem); cycles between compositions raise
 * `COMPOSITION_CYCLE` naming the cycle.
 *
 * @example
 * ```ts
 * import { attr, audience, evaluateComposition, type Composition } from "@abm-kit/audience";
 * import { buildSnapshot } from "@abm-kit/core";
 *
 * const now = "2026-11-20T12:00:00Z";
 * const snapshot = buildSnapshot(
 *   { accounts: [{ id: "acc-1", name: "Northwind", type: "Prospect" }, { id: "acc-2", name: "Contoso", type: "Customer" }] },
 *   { asOf: now },
 * );
 * const all = audience.account("all", "All accounts").where(attr.text("name").exists());
 * const customers = audience.account("customers", "Customers").where(attr.text("type").eq("Customer"));
 * const prospects: Composition = {
 *   id: "prospects",
 *   name: "All minus customers",
 *   version: 1,
 *   type: "account",
 *   members: { kind: "exclude", from: { kind: "audience", audienceId: "all" }, exclude: [{ kind: "audience", audienceId: "customers" }] },
 * };
 * const [result] = evaluateComposition(prospects, snapshot, { now, audiences: [all, customers] });
 * console.log(result?.memberIds); // [ "acc-1" ]
 * ```
 * @category Composition
 */
export function evaluateComposition(composition: CompositionInput, snapshot: Snapshot, options: CompositionOptions): ComposedResult[] {
  const main = parseComposition(composition);
  checkCompositionOptions(options);
  const others = parseCompositions(options.compositions ?? [], "compositions").filter((c) => c.id !== main.id);
  return new CompositionRun(snapshot, parseNow(options.now), options, [main, ...others]).results(main);
}

/** Evaluates several compositions (which may reference each other) and returns every output of each, in order. */
export function evaluateCompositions(
  compositions: readonly CompositionInput[],
  snapshot: Snapshot,
  options: Omit<CompositionOptions, "compositions">,
): ComposedResult[] {
  checkCompositionOptions(options);
  const parsed = parseCompositions(compositions, "compositions");
  const run = new CompositionRun(snapshot, parseNow(options.now), options, parsed);
  return parsed.flatMap((composition) => run.results(composition));
}
