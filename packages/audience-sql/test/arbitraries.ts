import fc from "fast-check";
import type { Condition, ContextKind } from "@abm-kit/audience";

type Kind = Exclude<ContextKind, "event">;
const TEXT = fc.constantFrom(
  "Software",
  "software",
  "CMO",
  "Customer",
  "Prospect",
  "US",
  "DE",
  "Analytics",
  "CRM",
  "/pricing",
  "Tier 1",
  "abm",
  "O'Brien",
  "a",
  "",
);
const unit = fc.constantFrom("hours" as const, "days" as const, "weeks" as const, "months" as const, "years" as const);
const duration = fc.record({ amount: fc.integer({ min: 0, max: 14 }), unit });
const point = fc.oneof(
  fc.constant("now" as const),
  fc.record({ ago: duration }),
  fc.record({ ahead: duration }),
  fc.record({ at: fc.constantFrom("2026-02-28", "2026-03-01T00:00:00.000Z", "2025-06-15T08:30:00+02:00") }),
);
const window = fc.oneof(fc.record({ last: duration }), fc.record({ between: fc.tuple(point, point) }), fc.record({ from: point }), fc.record({ to: point }));
const comparator = fc.oneof(
  fc.record({
    op: fc.constantFrom("eq" as const, "neq" as const, "gt" as const, "gte" as const, "lt" as const, "lte" as const),
    value: fc.constantFrom(0, 1, 2, 3, 10_000, 50_000, 1.5),
  }),
  fc.integer({ min: 0, max: 3 }).chain((min) => fc.integer({ min, max: 5 }).map((max) => ({ op: "between" as const, min, max }))),
);

/** Fields by type for each kind of row (the fixture's columns, plus an unknown one). */
const FIELDS: Record<Kind | "event", Partial<Record<"string" | "number" | "boolean" | "time" | "multi", string[]>>> = {
  account: {
    string: ["industry", "type", "country", "name", "id", "Nope"],
    number: ["employeeCount", "annualRevenue", "Score__c"],
    boolean: ["Strategic__c"],
    time: ["createdAt", "Renewal__c"],
    multi: ["Tags__c"],
  },
  person: { string: ["title", "email", "seniority", "consent.email", "id"], time: ["createdAt"], multi: ["Interests__c"] },
  link: { boolean: ["isActive", "isPrimary"], time: ["startDate"], multi: ["roles"] },
  opportunity: { string: ["stage", "id"], number: ["amount"], boolean: ["isClosed", "isWon"], time: ["closeDate"] },
  opportunityRole: { string: ["role"], boolean: ["isPrimary"] },
  campaign: { string: ["type", "status"], boolean: ["isActive"], time: ["startDate"] },
  campaignMember: { string: ["status"], boolean: ["hasResponded"], time: ["firstRespondedAt"] },
  related: { string: ["product", "topic", "key"], number: ["seats", "score"], time: ["purchaseDate", "observedAt"], multi: ["modules"] },
  event: { string: ["type", "webpage", "topic", "id"], number: ["duration"], time: ["occurredAt"] },
};

const attr = (field: fc.Arbitrary<string>, rest: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Condition> =>
  fc.tuple(field, rest).map(([f, r]) => JSON.parse(JSON.stringify({ kind: "attribute", field: f, ...r })) as Condition);

/** A well-typed attribute condition on rows of `kind`. */
export function attributeArb(kind: Kind | "event"): fc.Arbitrary<Condition> {
  const fields = FIELDS[kind];
  const options: fc.Arbitrary<Condition>[] = [];
  const all = Object.values(fields).flat();
  options.push(attr(fc.constantFrom(...all), fc.record({ op: fc.constantFrom("exists", "missing") })));
  if (fields.string) {
    const f = fc.constantFrom(...fields.string);
    options.push(
      attr(
        f,
        fc.record({
          op: fc.constantFrom("eq", "neq", "contains", "startsWith", "endsWith", "gt", "lte"),
          value: TEXT,
          caseInsensitive: fc.option(fc.boolean(), { nil: undefined }),
        }),
      ),
      attr(
        f,
        fc.record({
          op: fc.constantFrom("in", "notIn"),
          values: fc.array(TEXT, { minLength: 1, maxLength: 3 }),
          caseInsensitive: fc.option(fc.boolean(), { nil: undefined }),
        }),
      ),
      attr(
        f,
        fc.record({
          op: fc.constant("matches"),
          value: fc.constantFrom("^S", "are$", "[0-9]", "o.t", "^(CMO|CIO)$", "a*b?c"),
          caseInsensitive: fc.option(fc.boolean(), { nil: undefined }),
        }),
      ),
    );
  }
  if (fields.number) {
    const f = fc.constantFrom(...fields.number);
    const n = fc.constantFrom(0, 1, 5, 10, 50, 500, 10_000, 2_000_000.5, 40_000);
    options.push(
      attr(f, fc.record({ op: fc.constantFrom("eq", "neq", "gt", "gte", "lt", "lte"), value: n })),
      attr(f, fc.record({ op: fc.constantFrom("in", "notIn"), values: fc.array(n, { minLength: 1, maxLength: 3 }) })),
      attr(
        f,
        fc.tuple(n, n).map(([a, b]) => ({ op: "between", values: [Math.min(a, b), Math.max(a, b)] })),
      ),
    );
  }
  if (fields.boolean) options.push(attr(fc.constantFrom(...fields.boolean), fc.record({ op: fc.constantFrom("eq", "neq"), value: fc.boolean() })));
  if (fields.time) {
    const f = fc.constantFrom(...fields.time);
    options.push(
      attr(f, fc.record({ op: fc.constant("within"), window })),
      attr(f, fc.record({ op: fc.constantFrom("gt", "lte", "eq"), value: fc.oneof(point, fc.constantFrom("now", "2026-03-31", "2025-11-30T00:00:00.000Z")) })),
    );
  }
  if (fields.multi)
    options.push(
      attr(
        fc.constantFrom(...fields.multi),
        fc.record({
          op: fc.constantFrom("containsAny", "containsAll"),
          values: fc.array(fc.constantFrom("ABM", "abm", "Tier 1", "tier 1", "cloud", "Cloud", "AI", "core", "ai", "Decision Maker", "Influencer"), {
            minLength: 1,
            maxLength: 2,
          }),
          caseInsensitive: fc.option(fc.boolean(), { nil: undefined }),
        }),
      ),
    );
  return fc.oneof(...options);
}

const TYPES = fc.subarray(["Visit Webpage", "Fill Out Form", "Open Email", "Click Email", "Intent Surge"], { minLength: 1 });
const eventWhere: fc.Arbitrary<Condition> = fc.oneof(
  attributeArb("event"),
  fc.record({ kind: fc.constant("not" as const), condition: attributeArb("event") }),
  fc.record({ kind: fc.constant("and" as const), conditions: fc.array(attributeArb("event"), { maxLength: 2 }) }),
);

/** An event condition at `kind` level (account or person). */
export function eventArb(kind: "account" | "person"): fc.Arbitrary<Condition> {
  return fc
    .record({
      types: TYPES,
      window,
      where: fc.option(eventWhere, { nil: undefined, freq: 3 }),
      count: fc.option(comparator, { nil: undefined }),
      owner:
        kind === "account" ? fc.option(fc.constantFrom("person" as const, "account" as const, "any" as const), { nil: undefined }) : fc.constant(undefined),
      countDistinct: kind === "account" ? fc.option(fc.constant("people" as const), { nil: undefined, freq: 3 }) : fc.constant(undefined),
    })
    .map((e) => JSON.parse(JSON.stringify({ kind: "event", ...e, ...(e.countDistinct && e.owner === "account" ? { owner: "person" } : {}) })) as Condition);
}

/** A sequence condition at `kind` level. */
export function sequenceArb(kind: "account" | "person"): fc.Arbitrary<Condition> {
  return fc
    .record({
      steps: fc.array(fc.record({ types: TYPES, where: fc.option(eventWhere, { nil: undefined, freq: 4 }) }), { minLength: 2, maxLength: 4 }),
      within: duration,
      window: fc.oneof(
        fc.record({ last: fc.record({ amount: fc.integer({ min: 1, max: 14 }), unit: fc.constantFrom("months" as const, "days" as const) }) }),
        window,
      ),
      samePerson: kind === "account" ? fc.option(fc.boolean(), { nil: undefined }) : fc.constant(undefined),
    })
    .map((s) => JSON.parse(JSON.stringify({ kind: "sequence", ...s })) as Condition);
}

const RELATIONS: Partial<Record<Kind, string[]>> = {
  account: ["people", "links", "opportunities", "related:ownedProducts", "related:intent"],
  person: ["accounts", "links", "opportunityRoles", "campaignMembers"],
  link: ["account", "person"],
  opportunity: ["account", "opportunityRoles"],
  opportunityRole: ["opportunity", "person"],
  campaignMember: ["campaign", "person"],
  campaign: ["campaignMembers"],
};
const TARGET: Record<string, Kind> = {
  people: "person",
  accounts: "account",
  links: "link",
  opportunities: "opportunity",
  opportunityRoles: "opportunityRole",
  campaignMembers: "campaignMember",
  account: "account",
  person: "person",
  opportunity: "opportunity",
  campaign: "campaign",
  "related:ownedProducts": "related",
  "related:intent": "related",
};
const AGG_FIELDS: Partial<Record<Kind, string[]>> = {
  person: ["createdAt", "title"],
  account: ["employeeCount", "createdAt", "Tags__c"],
  opportunity: ["amount", "closeDate", "stage"],
  related: ["seats", "score", "purchaseDate", "modules", "topic"],
  link: ["startDate", "roles"],
  opportunityRole: ["role"],
  campaignMember: ["firstRespondedAt"],
  campaign: ["startDate"],
};
const NUMERIC = new Set(["employeeCount", "createdAt", "amount", "closeDate", "seats", "score", "purchaseDate", "startDate", "firstRespondedAt"]);

/** A random condition over rows of `kind`, nesting at most `depth` levels. */
export function conditionArb(kind: Kind, depth: number, audienceRef?: { id: string; type: "account" | "person" }): fc.Arbitrary<Condition> {
  const leaves: fc.Arbitrary<Condition>[] = [attributeArb(kind)];
  if (kind === "account" || kind === "person") leaves.push(eventArb(kind), sequenceArb(kind));
  if (audienceRef && audienceRef.type === kind) leaves.push(fc.constant({ kind: "inAudience", audienceId: audienceRef.id } as Condition));
  const leaf = fc.oneof(...leaves);
  if (depth <= 0) return leaf;
  const inner = conditionArb(kind, depth - 1, audienceRef);
  const options: fc.Arbitrary<Condition>[] = [
    leaf,
    fc.record({ kind: fc.constantFrom("and" as const, "or" as const), conditions: fc.array(inner, { maxLength: 3 }) }),
    fc.record({ kind: fc.constant("not" as const), condition: inner }),
  ];
  const relations = RELATIONS[kind];
  if (relations) {
    options.push(
      fc.constantFrom(...relations).chain((relation) => {
        const target = TARGET[relation]!;
        const where = conditionArb(target, depth - 1, audienceRef);
        const quantified = fc
          .record({ quantifier: fc.constantFrom("some" as const, "none" as const, "all" as const, "allAndAtLeastOne" as const), where })
          .map((r) => ({ kind: "related" as const, relation, ...r }));
        const counted = fc
          .record({ comparator, where: fc.option(where, { nil: undefined }) })
          .map((r) => JSON.parse(JSON.stringify({ kind: "related", relation, quantifier: "count", ...r })) as Condition);
        const fields = AGG_FIELDS[target] ?? [];
        const aggregated = fc
          .record({
            field: fc.constantFrom(...fields),
            fn: fc.constantFrom("sum" as const, "avg" as const, "min" as const, "max" as const, "countDistinct" as const),
            comparator,
            where: fc.option(where, { nil: undefined }),
          })
          .map(({ field, fn, comparator: c, where: w }) => {
            const f = NUMERIC.has(field) ? fn : "countDistinct";
            const cmp = f !== "countDistinct" && NUMERIC.has(field) && /Date|At|date/.test(field) ? { op: "gte" as const, value: Date.parse("2026-01-01") } : c;
            return JSON.parse(JSON.stringify({ kind: "related", relation, aggregate: { fn: f, field, comparator: cmp }, where: w })) as Condition;
          });
        return fc.oneof(quantified, counted, ...(fields.length > 0 ? [aggregated] : [])) as fc.Arbitrary<Condition>;
      }),
    );
  }
  return fc.oneof({ depthSize: "small" }, ...options);
}
