import { formatPath, type ProblemPath } from "@abm-kit/core";
import { relationTarget, type Audience, type Condition, type ContextKind } from "@abm-kit/audience";
import { lookbackOf, type Lookback } from "./lookback.js";

/** A measured value and where in the definition it was found. */
export interface Located<T> {
  readonly value: T;
  readonly path: string;
}

/**
 * The shape of an audience definition, as the limit rules see it:
 * - a **container** is an `and`, `or` or `not` node; `containerDepth` is the
 *   most containers on one path from the root (through `where` trees too);
 * - `rulesPerContainer` is each `and`/`or` with its number of direct conditions;
 * - a **relationship level** is one hop from the audience's entity to another
 *   (a `related` condition, or reading people's events from an account);
 *   `relationshipLevels` is the most hops on one path;
 * - `entitySwitches` counts every such hop in the whole definition, and
 *   `hops` lists each (the relation followed, or `people's events`);
 * - `valuesPerField` is each condition comparing a field against a list
 *   (`values`, and an event condition's `types`);
 * - `personEventLookbacks` is each event or sequence reading person events,
 *   with how far back its window reaches;
 * - `sequences` is each ordered-events condition.
 */
export interface AudienceMeasures {
  readonly containerDepth: Located<number>;
  readonly rulesPerContainer: Located<number>[];
  readonly relationshipLevels: Located<number>;
  readonly entitySwitches: Located<number>;
  readonly hops: Located<string>[];
  readonly valuesPerField: (Located<number> & { readonly field: string })[];
  readonly personEventLookbacks: Located<Lookback>[];
  readonly sequences: Located<number>[];
}

interface WalkState {
  containerDepth: Located<number>;
  rulesPerContainer: Located<number>[];
  relationshipLevels: Located<number>;
  switches: number;
  hops: Located<string>[];
  valuesPerField: (Located<number> & { field: string })[];
  personEventLookbacks: Located<Lookback>[];
  sequences: Located<number>[];
  now: number | undefined;
}

/** Where the walk is: the kind of rows in context, containers and hops above. */
interface Position {
  readonly context: ContextKind | undefined;
  readonly containers: number;
  readonly levels: number;
  readonly path: ProblemPath;
}

/**
 * Measures a (schema-valid) audience definition for the limit rules; see
 * {@link AudienceMeasures}. `now` (epoch ms) makes lookbacks of absolute
 * windows exact. Never throws on a schema-valid definition: a relation that
 * cannot be followed leaves its subtree without a known context.
 */
export function measureAudience(audience: Audience, options: { now?: number } = {}): AudienceMeasures {
  const state: WalkState = {
    containerDepth: { value: 0, path: "condition" },
    rulesPerContainer: [],
    relationshipLevels: { value: 0, path: "condition" },
    switches: 0,
    hops: [],
    valuesPerField: [],
    personEventLookbacks: [],
    sequences: [],
    now: options.now,
  };
  walk(audience.condition, { context: audience.type, containers: 0, levels: 0, path: ["condition"] }, state);
  return {
    containerDepth: state.containerDepth,
    rulesPerContainer: state.rulesPerContainer,
    relationshipLevels: state.relationshipLevels,
    entitySwitches: { value: state.switches, path: "condition" },
    hops: state.hops,
    valuesPerField: state.valuesPerField,
    personEventLookbacks: state.personEventLookbacks,
    sequences: state.sequences,
  };
}

function walk(condition: Condition, at: Position, state: WalkState): void {
  const path = formatPath(at.path);
  switch (condition.kind) {
    case "and":
    case "or": {
      const inside = enterContainer(at, state);
      state.rulesPerContainer.push({ value: condition.conditions.length, path });
      condition.conditions.forEach((c, i) => walk(c, { ...inside, path: [...at.path, "conditions", i] }, state));
      return;
    }
    case "not": {
      const inside = enterContainer(at, state);
      walk(condition.condition, { ...inside, path: [...at.path, "condition"] }, state);
      return;
    }
    case "attribute":
      if (condition.values !== undefined && condition.op !== "between") {
        state.valuesPerField.push({ value: condition.values.length, path, field: condition.field });
      }
      return;
    case "inAudience":
      return;
    case "related": {
      const target = at.context === undefined ? undefined : relationTarget(at.context, condition.relation);
      const hop = enterLevel(at, path, state, condition.relation);
      if (condition.where !== undefined) {
        walk(condition.where, { ...hop, context: target, path: [...at.path, "where"] }, state);
      }
      return;
    }
    case "event": {
      state.valuesPerField.push({ value: condition.types.length, path: `${path}.types`, field: "type" });
      const readsPersonEvents = at.context === "person" || (at.context === "account" && (condition.owner ?? "any") !== "account");
      const hop = at.context === "account" && readsPersonEvents ? enterLevel(at, path, state, "people's events") : at;
      if (readsPersonEvents) state.personEventLookbacks.push({ value: lookbackOf(condition.window, state.now), path });
      if (condition.where !== undefined) {
        walk(condition.where, { ...hop, context: "event", path: [...at.path, "where"] }, state);
      }
      return;
    }
    case "sequence": {
      state.sequences.push({ value: condition.steps.length, path });
      const readsPersonEvents = at.context === "person" || at.context === "account";
      const hop = at.context === "account" ? enterLevel(at, path, state, "people's events") : at;
      if (readsPersonEvents) state.personEventLookbacks.push({ value: lookbackOf(condition.window, state.now), path });
      condition.steps.forEach((step, i) => {
        const stepPath = [...at.path, "steps", i];
        state.valuesPerField.push({ value: step.types.length, path: `${formatPath(stepPath)}.types`, field: "type" });
        if (step.where !== undefined) walk(step.where, { ...hop, context: "event", path: [...stepPath, "where"] }, state);
      });
      return;
    }
  }
}

function enterContainer(at: Position, state: WalkState): Position {
  const containers = at.containers + 1;
  if (containers > state.containerDepth.value) state.containerDepth = { value: containers, path: formatPath(at.path) };
  return { ...at, containers };
}

function enterLevel(at: Position, path: string, state: WalkState, target: string): Position {
  const levels = at.levels + 1;
  state.switches++;
  state.hops.push({ value: target, path });
  if (levels > state.relationshipLevels.value) state.relationshipLevels = { value: levels, path };
  return { ...at, levels };
}
