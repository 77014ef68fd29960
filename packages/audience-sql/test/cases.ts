import type { Audience, Condition } from "@abm-kit/audience";
import { accountAudience, personAudience } from "./fixture.js";

const last = (amount: number, unit: "minutes" | "hours" | "days" | "weeks" | "months" | "years") => ({ last: { amount, unit } });

/** Hand-written audiences covering every condition kind, relation, aggregate, window form and sequence mode. */
export const ACCOUNT_CASES: Record<string, Condition> = {
  "string eq": { kind: "attribute", field: "industry", op: "eq", value: "Software" },
  "string eq case-insensitive": { kind: "attribute", field: "industry", op: "eq", value: "SOFTWARE", caseInsensitive: true },
  "string neq (missing is not different)": { kind: "attribute", field: "industry", op: "neq", value: "Software" },
  "string in / notIn": {
    kind: "or",
    conditions: [
      { kind: "attribute", field: "type", op: "in", values: ["Customer", "Partner"] },
      { kind: "attribute", field: "country", op: "notIn", values: ["US"] },
    ],
  },
  "string order (code units)": { kind: "attribute", field: "industry", op: "gt", value: "Software" },
  "string between": { kind: "attribute", field: "name", op: "between", values: ["Account 2", "Account 5"] },
  "contains / startsWith / endsWith": {
    kind: "or",
    conditions: [
      { kind: "attribute", field: "industry", op: "contains", value: "are" },
      { kind: "attribute", field: "country", op: "startsWith", value: "D" },
      { kind: "attribute", field: "domain", op: "endsWith", value: "3.com" },
    ],
  },
  "contains a quote": { kind: "attribute", field: "industry", op: "contains", value: "O'Brien" },
  regex: { kind: "attribute", field: "industry", op: "matches", value: "^(S|H)[a-z]+e$" },
  "regex case-insensitive": { kind: "attribute", field: "industry", op: "matches", value: "^soft", caseInsensitive: true },
  "number comparisons": {
    kind: "and",
    conditions: [
      { kind: "attribute", field: "employeeCount", op: "gte", value: 50 },
      { kind: "attribute", field: "employeeCount", op: "neq", value: 5000 },
    ],
  },
  "number between / notIn": {
    kind: "or",
    conditions: [
      { kind: "attribute", field: "annualRevenue", op: "between", values: [1e6, 4e6] },
      { kind: "attribute", field: "Score__c", op: "notIn", values: [1, 2.5] },
    ],
  },
  "boolean eq / neq": {
    kind: "or",
    conditions: [
      { kind: "attribute", field: "Strategic__c", op: "eq", value: true },
      { kind: "attribute", field: "Strategic__c", op: "neq", value: true },
    ],
  },
  "multi containsAny ci": { kind: "attribute", field: "Tags__c", op: "containsAny", values: ["tier 1", "x"], caseInsensitive: true },
  "multi containsAll": { kind: "attribute", field: "Tags__c", op: "containsAll", values: ["ABM", "Tier 1"] },
  "exists / missing": {
    kind: "and",
    conditions: [
      { kind: "attribute", field: "Tags__c", op: "exists" },
      { kind: "attribute", field: "employeeCount", op: "missing" },
    ],
  },
  "unknown field reads as missing": {
    kind: "or",
    conditions: [
      { kind: "attribute", field: "Nope__c", op: "eq", value: "x" },
      { kind: "attribute", field: "Nope__c", op: "missing" },
    ],
  },
  "id field": { kind: "attribute", field: "id", op: "in", values: ["A1", "A3"] },
  "instant within last 3 months": { kind: "attribute", field: "createdAt", op: "within", window: last(3, "months") },
  "instant within between": {
    kind: "attribute",
    field: "createdAt",
    op: "within",
    window: { between: [{ ago: { amount: 1, unit: "years" } }, { ago: { amount: 2, unit: "weeks" } }] },
  },
  "instant gt absolute": { kind: "attribute", field: "createdAt", op: "gt", value: "2025-10-01T00:00:00+02:00" },
  "date within 1 month (Feb 28 clamp)": { kind: "attribute", field: "Renewal__c", op: "within", window: last(1, "months") },
  "date eq now (by day)": { kind: "attribute", field: "Renewal__c", op: "eq", value: "now" },
  "date lte time point": { kind: "attribute", field: "Renewal__c", op: "lte", value: { ahead: { amount: 1, unit: "months" } } },
  "date from only": { kind: "attribute", field: "Renewal__c", op: "within", window: { from: { at: "2026-03-01" } } },
  "not of missing": { kind: "not", condition: { kind: "attribute", field: "industry", op: "eq", value: "Software" } },
  "empty and / or": {
    kind: "or",
    conditions: [
      { kind: "and", conditions: [] },
      { kind: "or", conditions: [] },
    ],
  },
  "people some": {
    kind: "related",
    relation: "people",
    quantifier: "some",
    where: { kind: "attribute", field: "title", op: "in", values: ["CMO", "Chief Marketing Officer"] },
  },
  "people none (no people qualifies)": {
    kind: "related",
    relation: "people",
    quantifier: "none",
    where: { kind: "attribute", field: "title", op: "eq", value: "CIO" },
  },
  "people all (true over zero)": {
    kind: "related",
    relation: "people",
    quantifier: "all",
    where: { kind: "attribute", field: "consent.email", op: "neq", value: "denied" },
  },
  "people allAndAtLeastOne": {
    kind: "related",
    relation: "people",
    quantifier: "allAndAtLeastOne",
    where: { kind: "attribute", field: "email", op: "exists" },
  },
  "people count": { kind: "related", relation: "people", quantifier: "count", comparator: { op: "gte", value: 2 } },
  "people count between": {
    kind: "related",
    relation: "people",
    quantifier: "count",
    comparator: { op: "between", min: 1, max: 2 },
    where: { kind: "attribute", field: "Interests__c", op: "containsAny", values: ["cloud"], caseInsensitive: true },
  },
  "links (inactive included)": {
    kind: "related",
    relation: "links",
    quantifier: "count",
    comparator: { op: "gte", value: 2 },
    where: { kind: "attribute", field: "roles", op: "containsAny", values: ["Decision Maker"] },
  },
  "link → person": {
    kind: "related",
    relation: "links",
    quantifier: "some",
    where: {
      kind: "and",
      conditions: [
        { kind: "attribute", field: "isActive", op: "eq", value: false },
        { kind: "related", relation: "person", quantifier: "some" },
      ],
    },
  },
  "opportunities open sum": {
    kind: "related",
    relation: "opportunities",
    where: { kind: "attribute", field: "isClosed", op: "eq", value: false },
    aggregate: { fn: "sum", field: "amount", comparator: { op: "gte", value: 40000 } },
  },
  "opportunities avg / min / max": {
    kind: "or",
    conditions: [
      { kind: "related", relation: "opportunities", aggregate: { fn: "avg", field: "amount", comparator: { op: "gt", value: 55000 } } },
      { kind: "related", relation: "opportunities", aggregate: { fn: "min", field: "amount", comparator: { op: "lt", value: 20000 } } },
    ],
  },
  "max over none is missing": {
    kind: "not",
    condition: {
      kind: "related",
      relation: "opportunities",
      where: { kind: "attribute", field: "stage", op: "eq", value: "Nope" },
      aggregate: { fn: "max", field: "amount", comparator: { op: "lt", value: 1e12 } },
    },
  },
  "aggregate of dates (epoch ms)": {
    kind: "related",
    relation: "opportunities",
    aggregate: { fn: "max", field: "closeDate", comparator: { op: "gte", value: Date.parse("2026-03-31") } },
  },
  "countDistinct stage / multi / unknown": {
    kind: "or",
    conditions: [
      { kind: "related", relation: "opportunities", aggregate: { fn: "countDistinct", field: "stage", comparator: { op: "gte", value: 2 } } },
      { kind: "related", relation: "related:ownedProducts", aggregate: { fn: "countDistinct", field: "modules", comparator: { op: "eq", value: 2 } } },
      { kind: "related", relation: "people", aggregate: { fn: "countDistinct", field: "Nope", comparator: { op: "eq", value: 0 } } },
    ],
  },
  "opportunity → roles → person": {
    kind: "related",
    relation: "opportunities",
    quantifier: "some",
    where: {
      kind: "related",
      relation: "opportunityRoles",
      quantifier: "some",
      where: { kind: "related", relation: "person", quantifier: "some", where: { kind: "attribute", field: "title", op: "exists" } },
    },
  },
  "related owned products (account-keyed)": {
    kind: "related",
    relation: "related:ownedProducts",
    quantifier: "some",
    where: {
      kind: "and",
      conditions: [
        { kind: "attribute", field: "product", op: "eq", value: "Analytics" },
        { kind: "attribute", field: "purchaseDate", op: "within", window: last(1, "years") },
      ],
    },
  },
  "related intent (domain-keyed) max score": {
    kind: "related",
    relation: "related:intent",
    aggregate: { fn: "max", field: "score", comparator: { op: "gte", value: 85 } },
  },
  "related intent sum over none is 0": {
    kind: "related",
    relation: "related:intent",
    aggregate: { fn: "sum", field: "score", comparator: { op: "eq", value: 0 } },
  },
  "event any owner in 30 days": { kind: "event", types: ["Visit Webpage", "Intent Surge"], window: last(30, "days") },
  "event count with where": {
    kind: "event",
    types: ["Visit Webpage"],
    window: last(60, "days"),
    where: { kind: "attribute", field: "webpage", op: "eq", value: "/pricing" },
    count: { op: "gte", value: 2 },
  },
  "event count eq 0": { kind: "event", types: ["Fill Out Form"], window: last(30, "days"), count: { op: "eq", value: 0 } },
  "event owner account": {
    kind: "event",
    types: ["Intent Surge", "Visit Webpage"],
    window: last(30, "days"),
    owner: "account",
    where: { kind: "attribute", field: "topic", op: "eq", value: "CRM" },
  },
  "event owner person, distinct people": {
    kind: "event",
    types: ["Visit Webpage", "Fill Out Form", "Open Email", "Click Email"],
    window: last(6, "months"),
    countDistinct: "people",
    count: { op: "gte", value: 2 },
  },
  "event window between absolute + ahead": {
    kind: "event",
    types: ["Visit Webpage"],
    window: { between: [{ at: "2026-03-01" }, { ahead: { amount: 2, unit: "days" } }] },
  },
  "event where unknown property missing": {
    kind: "event",
    types: ["Open Email"],
    window: last(1, "years"),
    where: { kind: "attribute", field: "topic", op: "missing" },
  },
  "event where on type / occurredAt / id": {
    kind: "event",
    types: ["Visit Webpage", "Fill Out Form"],
    window: last(2, "years"),
    where: {
      kind: "or",
      conditions: [
        { kind: "attribute", field: "id", op: "startsWith", value: "X" },
        { kind: "not", condition: { kind: "attribute", field: "occurredAt", op: "within", window: last(200, "days") } },
      ],
    },
  },
  "sequence same person": {
    kind: "sequence",
    steps: [{ types: ["Fill Out Form"] }, { types: ["Visit Webpage"] }],
    within: { amount: 7, unit: "days" },
    window: last(90, "days"),
  },
  "sequence ties by event order": {
    kind: "sequence",
    steps: [{ types: ["Visit Webpage"] }, { types: ["Fill Out Form"] }],
    within: { amount: 0, unit: "days" },
    window: last(30, "days"),
  },
  "sequence any people": {
    kind: "sequence",
    steps: [
      { types: ["Fill Out Form"] },
      { types: ["Open Email", "Intent Surge"] },
      { types: ["Visit Webpage"], where: { kind: "attribute", field: "webpage", op: "exists" } },
    ],
    within: { amount: 1, unit: "months" },
    window: last(1, "years"),
    samePerson: false,
  },
  "sequence same event types repeated": {
    kind: "sequence",
    steps: [{ types: ["Visit Webpage"] }, { types: ["Visit Webpage"] }],
    within: { amount: 3, unit: "months" },
    window: last(14, "months"),
  },
  "people with a sequence": {
    kind: "related",
    relation: "people",
    quantifier: "some",
    where: {
      kind: "sequence",
      steps: [{ types: ["Open Email"] }, { types: ["Visit Webpage"] }],
      within: { amount: 2, unit: "months" },
      window: { from: { ago: { amount: 400, unit: "days" } } },
    },
  },
};

/** Person audiences. */
export const PERSON_CASES: Record<string, Condition> = {
  "title ci in": { kind: "attribute", field: "title", op: "in", values: ["cmo", "vp marketing"], caseInsensitive: true },
  consent: { kind: "attribute", field: "consent.email", op: "neq", value: "denied" },
  "non-ascii lower": { kind: "attribute", field: "title", op: "eq", value: "ÄRZTIN", caseInsensitive: true },
  "accounts some / all": {
    kind: "and",
    conditions: [
      {
        kind: "related",
        relation: "accounts",
        quantifier: "some",
        where: { kind: "attribute", field: "industry", op: "eq", value: "Software", caseInsensitive: true },
      },
      { kind: "related", relation: "accounts", quantifier: "all", where: { kind: "attribute", field: "type", op: "neq", value: "Partner" } },
    ],
  },
  "opportunity roles → opportunity → account": {
    kind: "related",
    relation: "opportunityRoles",
    quantifier: "some",
    where: {
      kind: "related",
      relation: "opportunity",
      quantifier: "some",
      where: { kind: "related", relation: "account", quantifier: "some", where: { kind: "attribute", field: "type", op: "eq", value: "Customer" } },
    },
  },
  "campaign members → campaign": {
    kind: "related",
    relation: "campaignMembers",
    quantifier: "some",
    where: {
      kind: "and",
      conditions: [
        { kind: "attribute", field: "hasResponded", op: "eq", value: true },
        { kind: "related", relation: "campaign", quantifier: "some", where: { kind: "attribute", field: "type", op: "eq", value: "Webinar" } },
      ],
    },
  },
  "links of a person": { kind: "related", relation: "links", quantifier: "count", comparator: { op: "gte", value: 2 } },
  "event in last 30 days (edge)": { kind: "event", types: ["Visit Webpage"], window: last(30, "days") },
  "event in last 1 month (clamp)": { kind: "event", types: ["Fill Out Form"], window: last(1, "months") },
  "event count lt": { kind: "event", types: ["Open Email", "Click Email"], window: last(1, "years"), count: { op: "lt", value: 2 } },
  "event where duration": {
    kind: "event",
    types: ["Visit Webpage", "Open Email", "Click Email", "Fill Out Form"],
    window: last(2, "years"),
    where: { kind: "attribute", field: "duration", op: "gte", value: 30 },
  },
  sequence: {
    kind: "sequence",
    steps: [{ types: ["Fill Out Form"] }, { types: ["Open Email"] }, { types: ["Visit Webpage"] }],
    within: { amount: 14, unit: "days" },
    window: last(1, "years"),
  },
  "sequence within hours": {
    kind: "sequence",
    steps: [{ types: ["Visit Webpage"] }, { types: ["Visit Webpage", "Fill Out Form"] }],
    within: { amount: 36, unit: "hours" },
    window: last(2, "years"),
  },
  "created within 2 weeks": { kind: "attribute", field: "createdAt", op: "within", window: last(2, "weeks") },
};

/** Every case as an audience. */
export function caseAudiences(): { name: string; audience: Audience }[] {
  return [
    ...Object.entries(ACCOUNT_CASES).map(([name, c]) => ({ name: `account: ${name}`, audience: accountAudience(c) })),
    ...Object.entries(PERSON_CASES).map(([name, c]) => ({ name: `person: ${name}`, audience: personAudience(c) })),
  ];
}
