import { buildSnapshotUntyped, type RelatedTableDefinition, type Snapshot } from "@abm-kit/core";
import type { Audience } from "../src/index.js";

/** The clock the streaming tests start from. */
export const START = "2026-03-01T00:00:00.000Z";
export const START_MS = Date.parse(START);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** ISO instant `hours` after START (negative: before). */
export const at = (hours: number) => new Date(START_MS + hours * HOUR).toISOString();

export const RELATED_TABLES: RelatedTableDefinition[] = [
  {
    name: "intent",
    keyedBy: "domain" as const,
    fields: { topic: { type: "string" as const }, score: { type: "number" as const }, observedAt: { type: "date" as const } },
  },
  { name: "ownedProducts", keyedBy: "account" as const, fields: { product: { type: "string" as const }, status: { type: "string" as const } } },
];

/**
 * The records a streaming evaluator has seen, kept the way a Snapshot builder
 * takes them (latest version per id or link pair), so the same data can be
 * rebuilt into a Snapshot and evaluated in batch.
 */
export class RecordModel {
  readonly accounts = new Map<string, Record<string, unknown>>();
  readonly persons = new Map<string, Record<string, unknown>>();
  readonly opportunities = new Map<string, Record<string, unknown>>();
  readonly links = new Map<string, Record<string, unknown>>();
  readonly events: Record<string, unknown>[] = [];
  readonly related: Record<string, Record<string, unknown>[]> = { intent: [], ownedProducts: [] };

  /** Records one change that the evaluator applied. */
  record(change: { kind: string; record?: unknown; table?: string; accountId?: string; personId?: string }): void {
    const r = change.record as Record<string, unknown>;
    switch (change.kind) {
      case "account":
        this.accounts.set(r.id as string, r);
        break;
      case "person":
        this.persons.set(r.id as string, r);
        break;
      case "opportunity":
        this.opportunities.set(r.id as string, r);
        break;
      case "link":
        this.links.set(`${r.accountId as string}|${r.personId as string}`, r);
        break;
      case "unlink":
        this.links.delete(`${change.accountId!}|${change.personId!}`);
        break;
      case "event":
        this.events.push(r);
        break;
      case "relatedRow":
        this.related[change.table!]!.push(r);
        break;
    }
  }

  /** The Snapshot of every record held. */
  snapshot(asOf: string): Snapshot {
    return buildSnapshotUntyped(
      {
        accounts: this.accounts.values(),
        persons: this.persons.values(),
        links: this.links.values(),
        opportunities: this.opportunities.values(),
        events: this.events,
        related: this.related,
      },
      { asOf, relatedTables: RELATED_TABLES, fields: { account: { Tier__c: { type: "string" } } } },
    );
  }
}

const account = (id: string, condition: Audience["condition"]): Audience => ({ id, name: id, version: 1, type: "account", condition });
const person = (id: string, condition: Audience["condition"]): Audience => ({ id, name: id, version: 1, type: "person", condition });
const last = (amount: number, unit: "hours" | "days" | "months" = "days") => ({ last: { amount, unit } });

/** A realistic set of streaming audiences covering every condition kind. */
export const STREAMING_AUDIENCES: Audience[] = [
  account("engaged-accounts", {
    kind: "event",
    types: ["Visit Webpage", "Fill Out Form"],
    window: last(30),
    countDistinct: "people",
    count: { op: "gte", value: 3 },
  }),
  account("two-engaged", {
    kind: "event",
    types: ["Visit Webpage", "Fill Out Form"],
    window: last(10),
    countDistinct: "people",
    count: { op: "gte", value: 2 },
  }),
  // the same events as engaged-accounts and two-engaged, counted differently: the counts are shared between the programs
  account("one-engaged", { kind: "event", types: ["Visit Webpage", "Fill Out Form"], window: last(30), countDistinct: "people" }),
  account("busy-accounts", { kind: "event", types: ["Visit Webpage", "Fill Out Form"], window: last(10), count: { op: "gte", value: 3 } }),
  person("pricing-regulars", {
    kind: "event",
    types: ["Visit Webpage"],
    window: last(7),
    where: { kind: "attribute", field: "webpage", op: "eq", value: "/pricing" },
    count: { op: "gte", value: 2 },
  }),
  // a new event can make members leave these (they are not event-monotone)
  person("quiet-people", { kind: "not", condition: { kind: "event", types: ["Visit Webpage"], window: last(10) } }),
  account("few-visits", { kind: "event", types: ["Visit Webpage", "Fill Out Form"], window: last(10), count: { op: "lte", value: 2 } }),
  account("no-engaged-people", {
    kind: "related",
    relation: "people",
    quantifier: "none",
    where: { kind: "event", types: ["Fill Out Form"], window: last(20) },
  }),
  person("cmo-visitors", {
    kind: "and",
    conditions: [
      { kind: "attribute", field: "title", op: "in", values: ["CMO", "Chief Marketing Officer"] },
      { kind: "event", types: ["Visit Webpage"], window: last(7), where: { kind: "attribute", field: "webpage", op: "eq", value: "/pricing" } },
    ],
  }),
  account("icp", {
    kind: "and",
    conditions: [
      { kind: "attribute", field: "industry", op: "eq", value: "Software" },
      { kind: "attribute", field: "employeeCount", op: "gte", value: 200 },
    ],
  }),
  account("icp-with-cmo", {
    kind: "and",
    conditions: [
      { kind: "inAudience", audienceId: "icp" },
      { kind: "related", relation: "people", quantifier: "some", where: { kind: "inAudience", audienceId: "cmo-visitors" } },
    ],
  }),
  account("surging", {
    kind: "event",
    types: ["Intent Surge", "Visit Webpage"],
    window: { between: [{ ago: { amount: 14, unit: "days" } }, "now"] },
    count: { op: "gte", value: 2 },
  }),
  account("own-surge", { kind: "event", types: ["Intent Surge"], owner: "account", window: last(5) }),
  account("open-pipeline", {
    kind: "or",
    conditions: [
      {
        kind: "related",
        relation: "opportunities",
        aggregate: { fn: "sum", field: "amount", comparator: { op: "gte", value: 30000 } },
        where: { kind: "attribute", field: "isClosed", op: "eq", value: false },
      },
      { kind: "related", relation: "related:intent", quantifier: "some", where: { kind: "attribute", field: "score", op: "gte", value: 70 } },
    ],
  }),
  account("recent-close", {
    kind: "related",
    relation: "opportunities",
    quantifier: "some",
    where: { kind: "attribute", field: "closeDate", op: "within", window: last(20) },
  }),
  account("new-accounts", { kind: "attribute", field: "createdAt", op: "gte", value: { ago: { amount: 15, unit: "days" } } }),
  account("no-people-or-all-active", {
    kind: "related",
    relation: "links",
    quantifier: "all",
    where: { kind: "attribute", field: "isActive", op: "eq", value: true },
  }),
  account("people-count", { kind: "related", relation: "people", quantifier: "count", comparator: { op: "between", min: 2, max: 3 } }),
  account("products", {
    kind: "related",
    relation: "related:ownedProducts",
    aggregate: { fn: "countDistinct", field: "product", comparator: { op: "gte", value: 2 } },
  }),
  person("form-then-visit", {
    kind: "sequence",
    steps: [{ types: ["Fill Out Form"] }, { types: ["Visit Webpage"] }],
    within: { amount: 3, unit: "days" },
    window: last(30),
  }),
  account("team-sequence", {
    kind: "sequence",
    steps: [{ types: ["Open Email"] }, { types: ["Fill Out Form", "Intent Surge"] }],
    within: { amount: 2, unit: "days" },
    window: last(1, "months"),
    samePerson: false,
  }),
  person("software-people", {
    kind: "and",
    conditions: [
      { kind: "related", relation: "accounts", quantifier: "some", where: { kind: "attribute", field: "industry", op: "eq", value: "Software" } },
      { kind: "not", condition: { kind: "attribute", field: "consent.email", op: "eq", value: "denied" } },
    ],
  }),
  person("colleagues-engaged", { kind: "related", relation: "accounts", quantifier: "some", where: { kind: "inAudience", audienceId: "two-engaged" } }),
];
