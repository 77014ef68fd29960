import type { ProblemPath } from "@abm-kit/core";
import type { Audience } from "../definition/audience.js";
import type { Condition } from "../definition/condition.js";
import type { Window } from "../definition/time.js";

/** How an audience is kept up to date: per change (`streaming`) or by re-evaluating everything (`batch`). */
export type EvaluationMode = "streaming" | "batch";

/** One reason of a classification. A `blocking` reason makes the audience batch-only. */
export interface StreamingReason {
  readonly code: string;
  readonly path: ProblemPath;
  readonly message: string;
  readonly blocking: boolean;
}

/** The outcome of {@link streamingEligibility}. */
export interface StreamingEligibility {
  readonly mode: EvaluationMode;
  readonly reasons: StreamingReason[];
  /** Audiences it references (they must stream too). */
  readonly references: string[];
}

/** Relationship levels a streaming audience may follow from its members (an account-level event over people counts as one). */
export const MAX_STREAMING_RELATION_DEPTH = 2;

/**
 * Classifies an audience from its definition alone. It streams when every
 * condition can be kept up to date at a cost bounded by what a change
 * touches:
 * - attribute conditions, `and` / `or` / `not`: always;
 * - `related` conditions (quantifiers and aggregates) up to
 *   {@link MAX_STREAMING_RELATION_DEPTH} relationship levels deep — deeper chains
 *   fan one change out to an unbounded set of members;
 * - `event` and `sequence` conditions whose window has a start (a bounded
 *   lookback: `last`, `between`, or `from`), at person or account level,
 *   including account counts over people's events and distinct people; a window
 *   without a start keeps every past event live;
 * - an event `where` that compares with `now` (a moving time point) is batch:
 *   an event would pass or fail depending on when it is looked at;
 * - `inAudience`: streams when the referenced audience streams (checked when
 *   its definition is given in `audiences`).
 */
export function streamingEligibility(audience: Audience, options: { readonly audiences?: Iterable<Audience> } = {}): StreamingEligibility {
  const reasons: StreamingReason[] = [];
  const references = new Set<string>();
  const add = (code: string, path: ProblemPath, message: string, blocking: boolean) => reasons.push({ code, path, message, blocking });
  let timed = false;
  let accountEvents = false;

  const walk = (c: Condition, path: ProblemPath, depth: number, context: "account" | "person" | "other"): void => {
    switch (c.kind) {
      case "attribute":
        if (c.window !== undefined || movesWithNow(c)) timed = true;
        return;
      case "and":
      case "or":
        c.conditions.forEach((child, i) => walk(child, [...path, "conditions", i], depth, context));
        return;
      case "not":
        walk(c.condition, [...path, "condition"], depth, context);
        return;
      case "inAudience":
        references.add(c.audienceId);
        return;
      case "related": {
        const next = depth + 1;
        if (next > MAX_STREAMING_RELATION_DEPTH) {
          add(
            "relation_depth",
            path,
            `follows ${next} relationship levels (streaming allows ${MAX_STREAMING_RELATION_DEPTH}): one change would fan out to an unbounded set of members`,
            true,
          );
          return;
        }
        const target =
          c.relation === "people" || c.relation === "person" ? "person" : c.relation === "accounts" || c.relation === "account" ? "account" : "other";
        if (c.where) walk(c.where, [...path, "where"], next, target);
        return;
      }
      case "event":
      case "sequence": {
        timed = true;
        const overPeople = context === "account" && !(c.kind === "event" && c.owner === "account");
        if (overPeople) {
          accountEvents = true;
          if (depth + 1 > MAX_STREAMING_RELATION_DEPTH) {
            add(
              "relation_depth",
              path,
              `counts people's events ${depth + 1} relationship levels from the members (streaming allows ${MAX_STREAMING_RELATION_DEPTH})`,
              true,
            );
          }
        }
        if (!hasStart(c.window))
          add(
            "unbounded_lookback",
            [...path, "window"],
            "the window has no start, so every past event would stay live state; give it a start (last, between or from)",
            true,
          );
        const wheres =
          c.kind === "event" ? [{ where: c.where, at: [...path, "where"] }] : c.steps.map((s, i) => ({ where: s.where, at: [...path, "steps", i, "where"] }));
        for (const { where, at } of wheres) {
          if (where !== undefined && whereMovesWithNow(where))
            add("moving_event_filter", at, "an event filter compares with now, so an event would pass or fail depending on when it is looked at", true);
        }
        return;
      }
    }
  };
  walk(audience.condition, ["condition"], 0, audience.type);

  const given = new Map<string, Audience>();
  for (const a of options.audiences ?? []) given.set(a.id, a);
  for (const id of references) {
    if (id === audience.id) continue;
    if (!given.has(id)) {
      add("reference", [], `references audience ${id}; it must stream too (pass its definition to check)`, false);
      continue;
    }
    const batchPath = batchOnlyPath(id, given, audience.id);
    if (batchPath !== undefined) add("batch_reference", [], `references audience ${batchPath.join(" → ")}, which is batch-only`, true);
  }

  if (accountEvents) add("account_events", [], "an account-level condition over people's events: each event re-checks the person's accounts", false);
  if (timed) add("time_windows", [], "relative windows: members are re-checked when an event or a value enters or leaves a window (advanceTo)", false);
  const mode: EvaluationMode = reasons.some((r) => r.blocking) ? "batch" : "streaming";
  return { mode, reasons, references: [...references] };
}

/**
 * The path of references from `start` to the nearest given audience that is
 * batch-only on its own, or undefined when every audience `start` reaches
 * (itself included) streams. Breadth first, without recursion; `exclude` (the
 * audience being classified) and audiences seen once are not walked again, so
 * cycles end.
 */
function batchOnlyPath(start: string, given: ReadonlyMap<string, Audience>, exclude: string): string[] | undefined {
  const parent = new Map<string, string | undefined>([[start, undefined]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    const verdict = streamingEligibility(given.get(id)!);
    if (verdict.mode === "batch") {
      const path: string[] = [];
      for (let at: string | undefined = id; at !== undefined; at = parent.get(at)) path.unshift(at);
      return path;
    }
    for (const ref of verdict.references) {
      if (ref === exclude || parent.has(ref) || !given.has(ref)) continue;
      parent.set(ref, id);
      queue.push(ref);
    }
  }
  return undefined;
}

function hasStart(window: Window): boolean {
  if ("last" in window || "between" in window) return true;
  return window.from !== undefined;
}

/** Whether an attribute condition's operands move with now ("now", ago, ahead). */
function movesWithNow(c: Extract<Condition, { kind: "attribute" }>): boolean {
  const operands = c.values ?? (c.value === undefined ? [] : [c.value]);
  return operands.some((v) => v === "now" || (typeof v === "object" && v !== null && !("at" in v)));
}

function whereMovesWithNow(c: Condition): boolean {
  if (c.kind === "attribute") {
    if (movesWithNow(c)) return true;
    if (c.window === undefined) return false;
    const points = "last" in c.window ? ["now"] : "between" in c.window ? c.window.between : [c.window.from, c.window.to];
    return points.some((p) => p !== undefined && (p === "now" || (typeof p === "object" && !("at" in p))));
  }
  if (c.kind === "and" || c.kind === "or") return c.conditions.some(whereMovesWithNow);
  if (c.kind === "not") return whereMovesWithNow(c.condition);
  return false;
}
