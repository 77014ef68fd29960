import { AbmKitError } from "@abm-kit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  attr,
  audience,
  createStreamingEvaluator,
  diffMembership,
  enrich,
  evaluate,
  evaluateAll,
  evaluateComposition,
  evaluateCompositions,
  events,
  exclude,
  explain,
  intersect,
  people,
  preview,
  priorityList,
  rank,
  sequence,
  splitByAttribute,
  splitByPercentage,
  union,
  validateAudience,
  type Audience,
} from "../src/index.js";
import { NOW, fixtureSnapshot } from "./fixtures.js";
import { STREAMING_AUDIENCES } from "./streaming-model.js";

const snapshot = fixtureSnapshot();

/**
 * Runs `f`: it may return or throw a typed error (an AbmKitError with a code and
 * at least one problem, each with a path) — never a raw TypeError, RangeError or
 * SyntaxError.
 */
function onlyTypedErrors(f: () => unknown): void {
  try {
    f();
  } catch (error) {
    if (!(error instanceof AbmKitError)) throw error;
    expect(typeof error.code).toBe("string");
    expect(error.problems.length).toBeGreaterThan(0);
    for (const p of error.problems) expect(Array.isArray(p.path)).toBe(true);
  }
}

/** Values that break careless code. */
const odd = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    1e15,
    -1e15,
    1e300,
    -0,
    2 ** 53,
    8.64e15 + 1,
    -1,
    0.5,
    "",
    "now",
    "9999-12-31",
    "0000-01-01T00:00:00Z",
    "+275760-09-13T00:00:00.000Z",
    "2026-02-30",
    "^(a+)+$",
    "(",
    "\\d",
    "related:x",
    "__proto__",
    "constructor",
    "toString",
    null,
    undefined,
    true,
    [],
    {},
    [[]],
    { kind: "and" },
    { ago: { amount: 1e15, unit: "days" } },
    { at: "x" },
    new Date(Number.NaN),
    new Date(9e15),
  ),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.anything({
    maxDepth: 2,
    withBigInt: true,
    withDate: true,
    withNullPrototype: true,
    withSparseArray: true,
    withBoxedValues: true,
    withTypedArray: true,
    withMap: true,
    withSet: true,
  }),
);

type Json = unknown;
/** Every path to a value inside `value` (objects and arrays), the root included; paths below 50 levels are left out. */
function paths(value: Json): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: Array<[Json, (string | number)[]]> = [[value, []]];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    out.push(at);
    if (at.length >= 50) continue;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...at, i]]));
    else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) stack.push([x, [...at, k]]);
  }
  return out;
}
/** `value` with the thing at `path` replaced (or deleted when `replacement` is the symbol). */
const DELETE = Symbol("delete");
function replaceAt(value: Json, path: (string | number)[], replacement: unknown): Json {
  if (path.length === 0) return replacement === DELETE ? undefined : replacement;
  const root = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  let copy = root;
  for (let i = 0; i < path.length - 1; i++) {
    const child = copy[path[i]!];
    const next = (Array.isArray(child) ? [...child] : { ...(child as object) }) as Record<string | number, unknown>;
    copy[path[i]!] = next;
    copy = next;
  }
  const last = path[path.length - 1]!;
  if (replacement === DELETE) delete copy[last];
  else copy[last] = replacement;
  return root;
}
/** A valid value with one to three of its parts replaced by odd values, deleted, or nested deep. */
function mutated(seeds: readonly Json[]): fc.Arbitrary<Json> {
  const once = (value: Json) =>
    fc
      .tuple(
        fc.nat(),
        fc.oneof(
          odd,
          fc.constant(DELETE),
          fc.nat({ max: 3000 }).map((n) => ({ deep: n })),
        ),
      )
      .map(([i, r]) => {
        const all = paths(value);
        const path = all[i % all.length]!;
        if (typeof r === "object" && r !== null && "deep" in r) {
          let nested: unknown = { kind: "not", condition: { kind: "attribute", field: "industry", op: "exists" } };
          for (let k = 0; k < (r as { deep: number }).deep; k++) nested = { kind: "and", conditions: [nested] };
          return replaceAt(value, path, nested);
        }
        return replaceAt(value, path, r);
      });
  return fc.constantFrom(...seeds).chain((seed) =>
    once(seed).chain((v) =>
      fc.oneof(
        fc.constant(v),
        once(v as Json),
        once(v as Json).chain((w) => once(w as Json)),
      ),
    ),
  );
}

const audiences: Audience[] = [
  ...STREAMING_AUDIENCES.filter((a) => !JSON.stringify(a).includes("inAudience")),
  {
    id: "regex",
    name: "r",
    version: 1,
    type: "person",
    condition: { kind: "attribute", field: "title", op: "matches", value: "^C.O$", caseInsensitive: true },
  },
  {
    id: "window",
    name: "w",
    version: 1,
    type: "account",
    condition: { kind: "attribute", field: "createdAt", op: "within", window: { from: { at: "2025-01-01" }, to: "now" } },
  },
];
const nowInput = fc.oneof(fc.constant(NOW), odd) as fc.Arbitrary<never>;
const runs = { numRuns: 300 };

describe("fuzz: no raw error escapes a public entry point", () => {
  it("validateAudience, evaluate, explain, preview on mutated definitions and options", () => {
    fc.assert(
      fc.property(mutated(audiences), nowInput, odd, fc.boolean(), (definition, now, memberId, strictOdd) => {
        onlyTypedErrors(() => validateAudience(definition));
        onlyTypedErrors(() => evaluate(definition as never, snapshot, { now, strict: strictOdd ? (memberId as boolean) : false }));
        onlyTypedErrors(() => explain(definition as never, snapshot, typeof memberId === "string" ? memberId : "A1", { now }));
        onlyTypedErrors(() => preview(definition as never, snapshot, { now }));
      }),
      runs,
    );
  });

  it("evaluate and evaluateAll with odd options and reference lists", () => {
    fc.assert(
      fc.property(fc.array(mutated(audiences), { maxLength: 3 }), odd, (list, options) => {
        onlyTypedErrors(() => evaluateAll(list as never, snapshot, options as never));
        onlyTypedErrors(() => evaluate(audiences[0]!, snapshot, options as never));
        onlyTypedErrors(() => evaluate(audiences[0]!, snapshot, { now: NOW, audiences: options as never }));
        onlyTypedErrors(() => evaluateAll(options as never, snapshot, { now: NOW }));
      }),
      runs,
    );
  });

  it("the streaming evaluator: creation, apply and advanceTo", () => {
    const change = {
      kind: "event",
      record: { id: "E99", type: "Visit Webpage", occurredAt: "2026-03-31T11:00:00.000Z", personId: "P1", properties: { webpage: "/pricing" } },
    };
    const attribute = { kind: "attribute", entity: "account", id: "A1", field: "industry", value: "Software" };
    fc.assert(
      fc.property(mutated(audiences), mutated([change, attribute]), nowInput, (definition, streamChange, now) => {
        onlyTypedErrors(() => createStreamingEvaluator(snapshot, [definition as never], { now }));
        onlyTypedErrors(() => createStreamingEvaluator(snapshot, definition as never, { now: NOW }));
        const evaluator = createStreamingEvaluator(snapshot, audiences.slice(0, 5), { now: NOW });
        onlyTypedErrors(() => evaluator.apply(streamChange as never));
        onlyTypedErrors(() => evaluator.advanceTo(now as never));
      }),
      { numRuns: 150 },
    );
  });

  it("evaluateComposition and evaluateCompositions on mutated compositions", () => {
    const results = [{ audienceId: "base", type: "account" as const, memberIds: ["A1", "A2", "A4"], now: NOW }];
    const compositions = [
      {
        id: "c1",
        name: "C1",
        version: 1,
        type: "account",
        members: {
          kind: "exclude",
          from: { kind: "audience", audienceId: "base" },
          exclude: [{ kind: "definition", audience: audiences.find((a) => a.id === "icp")! }],
        },
      },
      {
        id: "c2",
        name: "C2",
        version: 1,
        type: "account",
        members: {
          kind: "rank",
          input: { kind: "audience", audienceId: "base" },
          by: { kind: "aggregate", relation: "people", fn: "count", where: { kind: "attribute", field: "title", op: "exists" } },
          limit: 2,
        },
        split: {
          by: "percentage",
          salt: "s",
          branches: [
            { id: "x", percent: 50 },
            { id: "y", percent: 50 },
          ],
        },
      },
      {
        id: "c3",
        name: "C3",
        version: 1,
        type: "account",
        members: { kind: "union", inputs: [{ kind: "audience", audienceId: "c1" }] },
        split: { by: "priority", tiers: [{ id: "t1", members: { kind: "audience", audienceId: "base" } }], otherwise: { id: "rest" } },
        enrich: [{ name: "visits", value: { kind: "events", types: ["Visit Webpage"], window: { last: { amount: 30, unit: "days" } } } }],
      },
      {
        id: "c4",
        name: "C4",
        version: 1,
        type: "account",
        members: { kind: "intersect", inputs: [{ kind: "audience", audienceId: "base" }] },
        split: { by: "attribute", field: "industry", branches: [{ id: "sw", values: ["Software"] }], otherwise: { id: "other" } },
      },
    ];
    fc.assert(
      fc.property(mutated(compositions), mutated(compositions), nowInput, odd, (composition, other, now, options) => {
        onlyTypedErrors(() =>
          evaluateComposition(composition as never, snapshot, { now: now as string, results, compositions: [compositions[0], other] as never, audiences }),
        );
        onlyTypedErrors(() => evaluateCompositions([composition, other] as never, snapshot, { now: NOW, results }));
        onlyTypedErrors(() => evaluateComposition(compositions[2] as never, snapshot, options as never));
      }),
      runs,
    );
  });

  it("set operations, rank, splits, priority lists and enrich on odd member lists", () => {
    const list = { audienceId: "l", type: "account", memberIds: ["A1", "A2"], now: NOW };
    fc.assert(
      fc.property(mutated([list]), odd, (input, option) => {
        const lists = [input, list] as never;
        onlyTypedErrors(() => union(lists, snapshot, { id: "u", now: NOW }));
        onlyTypedErrors(() => intersect(lists, snapshot, { id: option as string, now: NOW }));
        onlyTypedErrors(() => exclude(input as never, [list] as never, snapshot, { id: "e", now: option as string }));
        onlyTypedErrors(() => rank(input as never, snapshot, { id: "r", by: { kind: "field", field: "employeeCount" }, limit: option as number }));
        onlyTypedErrors(() => splitByPercentage(input as never, snapshot, { salt: option as string, branches: [{ id: "a", percent: 100 }] }));
        onlyTypedErrors(() => splitByAttribute(input as never, snapshot, { field: option as string, branches: [{ id: "a", values: ["Software"] }] }));
        onlyTypedErrors(() => priorityList([{ id: "t", list: input as never }], snapshot, { now: option as string }));
        onlyTypedErrors(() => enrich(input as never, snapshot, [{ name: "n", value: option as never }], { now: NOW }));
      }),
      runs,
    );
  });

  it("diffMembership on odd states, results and now", () => {
    const current = { audienceId: "a", type: "account", memberIds: ["A1", "A2"] };
    const previous = { audienceId: "a", type: "account", evaluatedAt: "2026-03-01T00:00:00.000Z", members: [{ id: "A1", since: "2026-02-01T00:00:00.000Z" }] };
    fc.assert(
      fc.property(mutated([previous]), mutated([current]), nowInput, (prev, cur, now) => {
        onlyTypedErrors(() => diffMembership(prev as never, cur as never, { now: now as string }));
        onlyTypedErrors(() => diffMembership(undefined, cur as never, now as never));
      }),
      runs,
    );
  });

  it("builder output with odd arguments is validated, never a raw error", () => {
    fc.assert(
      fc.property(odd, odd, odd, (a, b, c) => {
        onlyTypedErrors(() => {
          const conditions = [
            attr(a as string).eq(b as string),
            attr.text(a as string).matches(b as string, { caseInsensitive: c as boolean }),
            attr.number("employeeCount").between(a as number, b as number),
            attr.time("createdAt").within({ last: { amount: a as number, unit: "days" } }),
            events(a as string)
              .inLast(b as number, c as never)
              .atLeast(a as number),
            people().some(attr(a as string).exists()),
            sequence([a, b] as never, c as never)
              .within(c as number, "days")
              .inLast(30, "days"),
          ];
          for (const condition of conditions) evaluate(audience.account(a as string, b as string).where(condition), snapshot, { now: NOW });
        });
      }),
      runs,
    );
  });
});
