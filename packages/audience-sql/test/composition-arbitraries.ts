import fc from "fast-check";
import type { Composition, CompositionNode, CompositionSplit, MemberValue } from "@abm-kit/audience";
import { attributeArb, conditionArb } from "./arbitraries.js";

type MemberType = "account" | "person";

/** Audience ids of each type the random compositions may reference (the test passes their definitions or results). */
export const REFERENCE_IDS: Record<MemberType, string[]> = {
  account: ["software", "big", "customers", "engaged", "late-stage", "engaged-us-de", "imported"],
  person: ["leaders", "email-ok", "active-people"],
};

const unit = fc.constantFrom("hours" as const, "days" as const, "weeks" as const, "months" as const, "years" as const);
const window = fc.oneof(
  fc.record({ last: fc.record({ amount: fc.integer({ min: 1, max: 14 }), unit }) }),
  fc.record({ between: fc.tuple(fc.record({ ago: fc.record({ amount: fc.integer({ min: 2, max: 14 }), unit }) }), fc.constant("now" as const)) }),
);

const RELATIONS: Record<MemberType, [string, "person" | "account" | "link" | "opportunity" | "opportunityRole" | "campaignMember" | "related"][]> = {
  account: [
    ["people", "person"],
    ["links", "link"],
    ["opportunities", "opportunity"],
    ["related:ownedProducts", "related"],
    ["related:intent", "related"],
  ],
  person: [
    ["accounts", "account"],
    ["links", "link"],
    ["opportunityRoles", "opportunityRole"],
    ["campaignMembers", "campaignMember"],
  ],
};
/** Aggregate fields per related kind: numbers, times, text and multi-value (text makes sum/avg/min/max invalid, as in memory), plus an unknown one. */
const AGG_FIELDS: Record<string, string[]> = {
  person: ["createdAt", "title", "Interests__c"],
  account: ["employeeCount", "createdAt", "Tags__c", "industry"],
  link: ["startDate", "roles", "isPrimary"],
  opportunity: ["amount", "closeDate", "stage", "isWon"],
  opportunityRole: ["role", "isPrimary"],
  campaignMember: ["firstRespondedAt", "status"],
  related: ["seats", "score", "purchaseDate", "modules", "topic", "Nope"],
};
const FIELDS: Record<MemberType, string[]> = {
  account: [
    "employeeCount",
    "annualRevenue",
    "Score__c",
    "createdAt",
    "Renewal__c",
    "employeeCount",
    "annualRevenue",
    "Score__c",
    "createdAt",
    "Renewal__c",
    "industry",
    "Nope",
  ],
  person: ["createdAt", "createdAt", "createdAt", "title", "id"],
};

/** A random member value of a `type` member: fields, aggregates over every relation, event counts. */
export function memberValueArb(type: MemberType): fc.Arbitrary<MemberValue> {
  const field = fc.record({ kind: fc.constant("field" as const), field: fc.constantFrom(...FIELDS[type]) });
  const viaAccount = fc.record({
    kind: fc.constant("field" as const),
    field: fc.constantFrom("employeeCount", "createdAt", "Score__c"),
    via: fc.constant("primaryAccount" as const),
  });
  const aggregate = fc.constantFrom(...RELATIONS[type]).chain(([relation, kind]) =>
    fc
      .record({
        fn: fc.constantFrom("count" as const, "sum" as const, "avg" as const, "min" as const, "max" as const, "countDistinct" as const),
        field: fc.constantFrom(...AGG_FIELDS[kind]!),
        where: fc.option(attributeArb(kind), { nil: undefined, freq: 2 }),
      })
      .map((a) => JSON.parse(JSON.stringify({ kind: "aggregate", relation, ...a, ...(a.fn === "count" ? { field: undefined } : {}) })) as MemberValue),
  );
  const events = fc
    .record({
      types: fc.subarray(["Visit Webpage", "Fill Out Form", "Open Email", "Click Email", "Intent Surge"], { minLength: 1 }),
      window,
      where: fc.option(attributeArb("event"), { nil: undefined, freq: 3 }),
      owner:
        type === "account" ? fc.option(fc.constantFrom("person" as const, "account" as const, "any" as const), { nil: undefined }) : fc.constant(undefined),
      countDistinct: type === "account" ? fc.option(fc.constant("people" as const), { nil: undefined, freq: 3 }) : fc.constant(undefined),
    })
    .map((e) => JSON.parse(JSON.stringify({ kind: "events", ...e, ...(e.countDistinct && e.owner === "account" ? { owner: "person" } : {}) })) as MemberValue);
  return fc.oneof(
    { weight: 2, arbitrary: field },
    ...(type === "person" ? [{ weight: 1, arbitrary: viaAccount }] : []),
    { weight: 3, arbitrary: aggregate },
    { weight: 2, arbitrary: events },
  );
}

/** Values enrich attaches: any field (text, booleans and arrays too), counts and event counts, and now and then any member value (errors included). */
export function enrichValueArb(type: MemberType): fc.Arbitrary<MemberValue> {
  const fields: Record<MemberType, string[]> = {
    account: ["name", "industry", "Tags__c", "Strategic__c", "createdAt", "Renewal__c", "employeeCount", "id"],
    person: ["title", "email", "Interests__c", "consent.email", "createdAt", "id"],
  };
  const field = fc.record({ kind: fc.constant("field" as const), field: fc.constantFrom(...fields[type]) });
  const viaAccount = fc.record({
    kind: fc.constant("field" as const),
    field: fc.constantFrom("name", "Tags__c", "Renewal__c", "id"),
    via: fc.constant("primaryAccount" as const),
  });
  const counted = fc
    .constantFrom(...RELATIONS[type])
    .chain(([relation, kind]) =>
      fc
        .option(attributeArb(kind), { nil: undefined, freq: 2 })
        .map((where) => JSON.parse(JSON.stringify({ kind: "aggregate", relation, fn: "count", where })) as MemberValue),
    );
  return fc.oneof(
    { weight: 3, arbitrary: field },
    ...(type === "person" ? [{ weight: 2, arbitrary: viaAccount }] : []),
    { weight: 2, arbitrary: counted },
    { weight: 2, arbitrary: memberValueArb(type) },
  );
}

/** A random composition node tree of `type` members, nesting at most `depth` levels; references may be of the other type (a type mismatch, an error in memory too). */
export function nodeArb(type: MemberType, depth: number): fc.Arbitrary<CompositionNode> {
  const other: MemberType = type === "account" ? "person" : "account";
  const ref = fc
    .oneof(
      { weight: 30, arbitrary: fc.constantFrom(...REFERENCE_IDS[type]) },
      { weight: 1, arbitrary: fc.constantFrom(...REFERENCE_IDS[other], "missing-audience") },
    )
    .map((audienceId) => ({ kind: "audience" as const, audienceId }));
  const inline = conditionArb(type, 0).map((condition) => ({
    kind: "definition" as const,
    audience: { id: "inline", name: "Inline", version: 1, type, condition },
  }));
  const leaf: fc.Arbitrary<CompositionNode> = fc.oneof({ weight: 3, arbitrary: ref }, { weight: 1, arbitrary: inline });
  if (depth <= 0) return leaf;
  const inner = nodeArb(type, depth - 1);
  return fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.record({ kind: fc.constantFrom("union" as const, "intersect" as const), inputs: fc.array(inner, { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant("exclude" as const), from: inner, exclude: fc.array(inner, { maxLength: 2 }) }),
    fc
      .record({
        kind: fc.constant("rank" as const),
        input: inner,
        by: memberValueArb(type),
        order: fc.option(fc.constantFrom("asc" as const, "desc" as const), { nil: undefined }),
        limit: fc.integer({ min: 1, max: 6 }),
      })
      .map((r) => JSON.parse(JSON.stringify(r)) as CompositionNode),
  );
}

const SPLIT_FIELDS: Record<MemberType, [string, fc.Arbitrary<string | number | boolean>][]> = {
  account: [
    ["industry", fc.constantFrom("Software", "software", "Healthcare", "Financial Services", 1)],
    ["Tags__c", fc.constantFrom("ABM", "abm", "Tier 1", "x")],
    ["employeeCount", fc.constantFrom(10, 50, 500, 5000, "50")],
    ["Strategic__c", fc.constantFrom(true, false, "true")],
    ["Renewal__c", fc.constantFrom("2026-03-31", "2026-02-28", "2026-03-31T00:00:00.000Z", "2026-1-31")],
    ["createdAt", fc.constantFrom("2026-03-31T06:00:00.000Z", "2026-02-19T06:00:00.000Z", "2026-02-19")],
    ["Nope", fc.constant("x")],
  ],
  person: [
    ["title", fc.constantFrom("CMO", "VP Marketing", "CIO", "Analyst")],
    ["Interests__c", fc.constantFrom("AI", "cloud", "Cloud")],
    ["consent.email", fc.constantFrom("granted", "denied", "unknown")],
  ],
};

/** A random split: percentage (random salt and shares), attribute (any field type, values of other types too) or priority tiers. */
export function splitArb(type: MemberType): fc.Arbitrary<CompositionSplit> {
  const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
  const percentage = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }).chain((weights) =>
    fc.string({ maxLength: 8 }).map((salt) => {
      const total = weights.reduce((a, b) => a + b, 0);
      const percents = weights.map((w) => (w * 100) / total);
      percents[percents.length - 1] = 100 - percents.slice(0, -1).reduce((a, b) => a + b, 0);
      return { by: "percentage" as const, salt, branches: ids(weights.length, "pct-").map((id, i) => ({ id, percent: percents[i]! })) };
    }),
  );
  const attribute = fc.constantFrom(...SPLIT_FIELDS[type]).chain(([field, value]) =>
    fc
      .record({ values: fc.array(fc.array(value, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), otherwise: fc.boolean() })
      .map(({ values, otherwise }) => ({
        by: "attribute" as const,
        field,
        branches: ids(values.length, "attr-").map((id, i) => ({ id, values: values[i]! })),
        ...(otherwise ? { otherwise: { id: "attr-other" } } : {}),
      })),
  );
  const priority = fc.record({ tiers: fc.array(nodeArb(type, 1), { minLength: 1, maxLength: 3 }), otherwise: fc.boolean() }).map(({ tiers, otherwise }) => ({
    by: "priority" as const,
    tiers: ids(tiers.length, "tier-").map((id, i) => ({ id, members: tiers[i]! })),
    ...(otherwise ? { otherwise: { id: "tier-other" } } : {}),
  }));
  return fc.oneof(percentage, attribute, priority);
}

/** A random composition of either type, with or without a split and enrich. */
export const compositionArb: fc.Arbitrary<Composition> = fc.constantFrom("account" as const, "person" as const).chain((type) =>
  fc
    .record({
      members: nodeArb(type, 3),
      split: fc.option(splitArb(type), { nil: undefined, freq: 2 }),
      enrich: fc.option(fc.array(enrichValueArb(type), { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 3 }),
    })
    .map(
      ({ members, split, enrich }) =>
        JSON.parse(
          JSON.stringify({
            id: "random",
            name: "Random",
            version: 1,
            type,
            members,
            split,
            enrich: enrich?.map((value, i) => ({ name: `value ${i}`, value })),
          }),
        ) as Composition,
    ),
);
