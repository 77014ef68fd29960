import type { Audience, Composition, CompositionNode, MemberList } from "@abm-kit/audience";
import { accountAudience, personAudience } from "./fixture.js";

const last30 = { last: { amount: 30, unit: "days" as const } };

/** Audiences the compositions reference (accounts and persons), one with a reference of its own. */
export const COMPOSITION_AUDIENCES: Audience[] = [
  accountAudience({ kind: "attribute", field: "industry", op: "eq", value: "Software", caseInsensitive: true }, "software"),
  accountAudience({ kind: "attribute", field: "employeeCount", op: "gte", value: 50 }, "big"),
  accountAudience({ kind: "attribute", field: "type", op: "eq", value: "Customer" }, "customers"),
  accountAudience(
    { kind: "event", types: ["Visit Webpage", "Fill Out Form", "Intent Surge", "Open Email"], window: { last: { amount: 90, unit: "days" } } },
    "engaged",
  ),
  accountAudience(
    {
      kind: "related",
      relation: "opportunities",
      quantifier: "some",
      where: { kind: "attribute", field: "stage", op: "in", values: ["Proposal/Price Quote", "Negotiation/Review"] },
    },
    "late-stage",
  ),
  accountAudience(
    {
      kind: "and",
      conditions: [
        { kind: "inAudience", audienceId: "engaged" },
        { kind: "attribute", field: "country", op: "in", values: ["US", "DE"] },
      ],
    },
    "engaged-us-de",
  ),
  personAudience({ kind: "attribute", field: "title", op: "in", values: ["CMO", "Chief Marketing Officer", "VP Marketing", "CIO"] }, "leaders"),
  personAudience({ kind: "attribute", field: "consent.email", op: "eq", value: "granted" }, "email-ok"),
  personAudience({ kind: "event", types: ["Visit Webpage", "Fill Out Form"], window: { last: { amount: 6, unit: "months" } } }, "active-people"),
];

/** A result given by value: unsorted, with a duplicate and an id the snapshot does not hold. */
export const GIVEN_RESULT: MemberList = { audienceId: "imported", type: "account", memberIds: ["A7", "A2", "A99", "A2", "A5"] };

const ref = (audienceId: string): CompositionNode => ({ kind: "audience", audienceId });
const account = (id: string, members: CompositionNode, extra: Partial<Composition> = {}): Composition => ({
  id,
  name: `Composition ${id}`,
  version: 1,
  type: "account",
  members,
  ...extra,
});
const person = (id: string, members: CompositionNode, extra: Partial<Composition> = {}): Composition => ({
  id,
  name: `Composition ${id}`,
  version: 1,
  type: "person",
  members,
  ...extra,
});

/** Hand-written compositions: every node kind, every split kind, member values of every kind, references between compositions. */
export const COMPOSITION_CASES: Composition[] = [
  account("union-refs", { kind: "union", inputs: [ref("software"), ref("customers"), ref("imported")] }),
  account("intersect-inline", {
    kind: "intersect",
    inputs: [ref("big"), { kind: "definition", audience: accountAudience({ kind: "attribute", field: "country", op: "neq", value: "FR" }, "not-fr") }],
  }),
  account("icp-minus-suppression", {
    kind: "exclude",
    from: { kind: "union", inputs: [ref("software"), ref("big")] },
    exclude: [ref("customers"), ref("late-stage")],
  }),
  account("exclude-nothing", { kind: "exclude", from: ref("engaged"), exclude: [] }),
  account("exclude-self", { kind: "exclude", from: ref("big"), exclude: [ref("big")] }),
  account("top-employees", { kind: "rank", input: ref("big"), by: { kind: "field", field: "employeeCount" }, limit: 3 }),
  account("bottom-revenue-missing-last", {
    kind: "rank",
    input: { kind: "union", inputs: [ref("software"), ref("engaged")] },
    by: { kind: "field", field: "annualRevenue" },
    order: "asc",
    limit: 6,
  }),
  account("soonest-renewal", { kind: "rank", input: ref("engaged"), by: { kind: "field", field: "Renewal__c" }, order: "asc", limit: 4 }),
  account("open-pipeline", {
    kind: "rank",
    input: { kind: "exclude", from: ref("engaged"), exclude: [ref("customers")] },
    limit: 2,
    by: { kind: "aggregate", relation: "opportunities", fn: "sum", field: "amount", where: { kind: "attribute", field: "isClosed", op: "eq", value: false } },
  }),
  account("most-people-ties", { kind: "rank", input: ref("engaged"), by: { kind: "aggregate", relation: "people", fn: "count" }, limit: 3 }),
  account("latest-close", {
    kind: "rank",
    input: ref("engaged"),
    by: { kind: "aggregate", relation: "opportunities", fn: "max", field: "closeDate" },
    limit: 5,
  }),
  account("product-breadth", {
    kind: "rank",
    input: ref("engaged"),
    by: { kind: "aggregate", relation: "related:ownedProducts", fn: "countDistinct", field: "modules" },
    limit: 2,
  }),
  account("intent-avg", { kind: "rank", input: ref("engaged"), by: { kind: "aggregate", relation: "related:intent", fn: "avg", field: "score" }, limit: 3 }),
  account("engaged-people", {
    kind: "rank",
    input: ref("engaged"),
    by: { kind: "events", types: ["Visit Webpage", "Fill Out Form", "Open Email"], window: { last: { amount: 6, unit: "months" } }, countDistinct: "people" },
    limit: 3,
  }),
  account("own-intent", {
    kind: "rank",
    input: ref("engaged"),
    by: {
      kind: "events",
      types: ["Intent Surge", "Visit Webpage"],
      window: last30,
      owner: "account",
      where: { kind: "attribute", field: "topic", op: "eq", value: "CRM" },
    },
    limit: 2,
  }),
  account("own-distinct-people", {
    kind: "rank",
    input: ref("engaged"),
    by: { kind: "events", types: ["Intent Surge"], window: last30, owner: "account", countDistinct: "people" },
    limit: 2,
  }),
  account("test-holdout", ref("engaged"), {
    split: {
      by: "percentage",
      salt: "q4-holdout",
      branches: [
        { id: "holdout-test", name: "Test", percent: 70 },
        { id: "holdout-control", percent: 30 },
      ],
    },
  }),
  account(
    "three-way",
    { kind: "union", inputs: [ref("engaged"), ref("big"), ref("software")] },
    {
      split: {
        by: "percentage",
        salt: "Ünïcødé salt 🚀 -- '\"",
        branches: [
          { id: "w1", percent: 33.3 },
          { id: "w2", percent: 33.3 },
          { id: "w3", percent: 33.4 },
        ],
      },
    },
  ),
  account("all-in-one", ref("big"), { split: { by: "percentage", salt: "", branches: [{ id: "everyone", percent: 100 }] } }),
  account(
    "by-industry",
    { kind: "union", inputs: [ref("engaged"), ref("big")] },
    {
      split: {
        by: "attribute",
        field: "industry",
        branches: [
          { id: "ind-software", values: ["Software", "software"] },
          { id: "ind-fin", values: ["Financial Services", "Healthcare"] },
          { id: "ind-dup", values: ["Software"] },
        ],
        otherwise: { id: "ind-other", name: "Other industries" },
      },
    },
  ),
  account("by-tags", ref("engaged"), {
    split: {
      by: "attribute",
      field: "Tags__c",
      branches: [
        { id: "tag-abm", values: ["ABM", "abm"] },
        { id: "tag-tier", values: ["Tier 1", "Tier 2"] },
      ],
    },
  }),
  account(
    "by-number-bool-date",
    { kind: "union", inputs: [ref("engaged"), ref("big")] },
    {
      split: {
        by: "attribute",
        field: "employeeCount",
        branches: [
          { id: "emp-small", values: [10, 50, "500"] },
          { id: "emp-large", values: [5000, 10000, true] },
        ],
        otherwise: { id: "emp-other" },
      },
    },
  ),
  account("by-strategic", ref("engaged"), {
    split: {
      by: "attribute",
      field: "Strategic__c",
      branches: [
        { id: "strategic-yes", values: [true] },
        { id: "strategic-no", values: [false, "false"] },
      ],
      otherwise: { id: "strategic-unknown" },
    },
  }),
  account(
    "by-renewal",
    { kind: "union", inputs: [ref("engaged"), ref("big")] },
    {
      split: {
        by: "attribute",
        field: "Renewal__c",
        branches: [
          { id: "renew-mar", values: ["2026-03-31", "2026-03-01"] },
          { id: "renew-odd", values: ["2026-02-28T00:00:00.000Z", "2025-12-31"] },
        ],
        otherwise: { id: "renew-other" },
      },
    },
  ),
  account(
    "engagement-tiers",
    { kind: "union", inputs: [ref("engaged"), ref("software")] },
    {
      split: {
        by: "priority",
        tiers: [
          { id: "tier-high", name: "High", members: { kind: "intersect", inputs: [ref("big"), ref("late-stage")] } },
          { id: "tier-medium", members: ref("big") },
          {
            id: "tier-inline",
            members: { kind: "definition", audience: accountAudience({ kind: "attribute", field: "country", op: "eq", value: "US" }, "us") },
          },
        ],
        otherwise: { id: "tier-low", name: "Low" },
      },
    },
  ),
  account("tiers-no-otherwise", ref("engaged"), {
    split: {
      by: "priority",
      tiers: [
        { id: "pt-1", members: ref("customers") },
        { id: "pt-2", members: ref("engaged-us-de") },
      ],
    },
  }),
  account("of-compositions", {
    kind: "union",
    inputs: [ref("tier-high"), ref("holdout-control"), { kind: "exclude", from: ref("icp-minus-suppression"), exclude: [ref("ind-software")] }],
  }),
  account("rank-of-references", { kind: "rank", input: ref("of-compositions"), by: { kind: "field", field: "createdAt" }, limit: 2 }),
  person(
    "people-union",
    { kind: "union", inputs: [ref("leaders"), ref("active-people")] },
    {
      split: {
        by: "percentage",
        salt: "people",
        branches: [
          { id: "people-a", percent: 50 },
          { id: "people-b", percent: 50 },
        ],
      },
    },
  ),
  person("consented-leaders", { kind: "intersect", inputs: [ref("leaders"), ref("email-ok")] }),
  person("primary-account-size", {
    kind: "rank",
    input: { kind: "union", inputs: [ref("leaders"), ref("active-people")] },
    by: { kind: "field", field: "employeeCount", via: "primaryAccount" },
    limit: 5,
  }),
  person("recent-activity", {
    kind: "rank",
    input: ref("active-people"),
    by: {
      kind: "events",
      types: ["Visit Webpage", "Fill Out Form", "Open Email", "Click Email"],
      window: { last: { amount: 1, unit: "years" } },
      where: { kind: "not", condition: { kind: "attribute", field: "webpage", op: "eq", value: "/blog" } },
    },
    limit: 4,
  }),
  person(
    "by-title",
    { kind: "exclude", from: ref("active-people"), exclude: [ref("email-ok")] },
    { split: { by: "attribute", field: "Interests__c", branches: [{ id: "int-cloud", values: ["cloud", "Cloud"] }], otherwise: { id: "int-other" } } },
  ),
  person("people-tiers", ref("active-people"), {
    split: {
      by: "priority",
      tiers: [
        { id: "pp-leaders", members: ref("leaders") },
        { id: "pp-consented", members: ref("email-ok") },
      ],
      otherwise: { id: "pp-rest" },
    },
  }),
];

/** Compositions with `enrich`: every member value kind in its JSON form. */
export const ENRICH_CASES: Composition[] = [
  account(
    "enriched-accounts",
    { kind: "union", inputs: [ref("engaged"), ref("big")] },
    {
      split: { by: "attribute", field: "country", branches: [{ id: "enriched-us", values: ["US"] }], otherwise: { id: "enriched-rest" } },
      enrich: [
        { name: "company", value: { kind: "field", field: "name" } },
        { name: "accountId", value: { kind: "field", field: "id" } },
        { name: "employees", value: { kind: "field", field: "employeeCount" } },
        { name: "strategic", value: { kind: "field", field: "Strategic__c" } },
        { name: "tags", value: { kind: "field", field: "Tags__c" } },
        { name: "created", value: { kind: "field", field: "createdAt" } },
        { name: "renewal", value: { kind: "field", field: "Renewal__c" } },
        {
          name: "open pipeline",
          value: {
            kind: "aggregate",
            relation: "opportunities",
            fn: "sum",
            field: "amount",
            where: { kind: "attribute", field: "isClosed", op: "eq", value: false },
          },
        },
        { name: "avgAmount", value: { kind: "aggregate", relation: "opportunities", fn: "avg", field: "amount" } },
        { name: "firstClose", value: { kind: "aggregate", relation: "opportunities", fn: "min", field: "closeDate" } },
        { name: "newestPerson", value: { kind: "aggregate", relation: "people", fn: "max", field: "createdAt" } },
        { name: "people", value: { kind: "aggregate", relation: "people", fn: "count" } },
        { name: "modules", value: { kind: "aggregate", relation: "related:ownedProducts", fn: "countDistinct", field: "modules" } },
        {
          name: "engagedPeople",
          value: { kind: "events", types: ["Visit Webpage", "Fill Out Form"], window: { last: { amount: 6, unit: "months" } }, countDistinct: "people" },
        },
      ],
    },
  ),
  person(
    "enriched-people",
    { kind: "union", inputs: [ref("leaders"), ref("active-people")] },
    {
      enrich: [
        { name: "title", value: { kind: "field", field: "title" } },
        { name: "interests", value: { kind: "field", field: "Interests__c" } },
        { name: "consent", value: { kind: "field", field: "consent.email" } },
        { name: "company", value: { kind: "field", field: "name", via: "primaryAccount" } },
        { name: "companyId", value: { kind: "field", field: "id", via: "primaryAccount" } },
        { name: "companyCreated", value: { kind: "field", field: "createdAt", via: "primaryAccount" } },
        { name: "visits", value: { kind: "events", types: ["Visit Webpage"], window: { last: { amount: 1, unit: "years" } } } },
        {
          name: "campaigns",
          value: { kind: "aggregate", relation: "campaignMembers", fn: "count", where: { kind: "attribute", field: "hasResponded", op: "eq", value: true } },
        },
      ],
    },
  ),
];
