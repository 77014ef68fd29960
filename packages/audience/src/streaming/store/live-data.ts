import {
  AccountPersonRelationSchema,
  AccountSchema,
  ActivityEventSchema,
  CONSENT_COLUMN_PREFIX,
  OpportunitySchema,
  PersonSchema,
  RelatedRowSchema,
  STANDARD_FIELDS,
  instantToEpochMs,
  problemsFromZod,
  type ActivityEvent,
  type AttributeValue,
  type EntityKind,
  type FieldType,
  type Problem,
  type Snapshot,
} from "@abm-kit/core";
import { StringIndex, hashString } from "@abm-kit/core/internal";
import type { z } from "zod";
import type { ContextKind } from "../../definition/contexts.js";
import { relatedTableName } from "../../definition/contexts.js";
import type { StreamChange } from "../stream-change.js";
import { inferTypeOf, toTypedValue, type TypedValue } from "../typed-value.js";
import { SnapshotRows, type RowSource } from "./column-value.js";
import { EventLog, type AddedEvent, type PropertyPairs } from "./event-log.js";
import { SeedEventIds } from "./seed-event-ids.js";
import { LinkTable } from "./link-table.js";
import { LiveTable, type TypedRecord } from "./live-table.js";
import { RelatedRows, normalizeRelatedKey } from "./related-rows.js";

const EMPTY: readonly number[] = [];
const NO_FIELDS: ReadonlyMap<string, FieldType> = new Map();
const NO_ATTRIBUTES = { ok: true, values: Object.freeze([]) as PropertyPairs, newFields: NO_FIELDS } as const;
const PROPERTIES_PATH: readonly string[] = ["record", "properties"];
const EVENT_RESERVED: ReadonlySet<string> = new Set(["id", "type", "occurredAt", "sourceKeys"]);

/** An entity row a change touches: its attributes, relations, events or memberships may now read differently. */
export interface Touch {
  readonly kind: ContextKind;
  readonly row: number;
  /** What changed: `data` (attributes or relations), `events` (the row's events), `member:<audienceId>` (its membership). */
  readonly aspect: string;
}

/** A validated change, converted to typed values, ready to commit. */
export type ParsedChange =
  | {
      readonly kind: "event";
      readonly ownerKind: "person" | "account";
      readonly owner: number;
      readonly event: AddedEvent;
      readonly newFields: ReadonlyMap<string, FieldType>;
    }
  | {
      readonly kind: "entity";
      readonly entity: "account" | "person" | "opportunity";
      readonly id: string;
      readonly record: TypedRecord;
      readonly accountId: string | undefined;
      readonly newFields: ReadonlyMap<string, FieldType>;
    }
  | { readonly kind: "link"; readonly account: number; readonly person: number; readonly record: TypedRecord }
  | { readonly kind: "unlink"; readonly account: number; readonly person: number }
  | { readonly kind: "relatedRow"; readonly table: RelatedRows; readonly record: TypedRecord; readonly newFields: ReadonlyMap<string, FieldType> };

/** Either a parsed change or the problems that reject it. */
export type ParseOutcome = { readonly ok: true; readonly change: ParsedChange } | { readonly ok: false; readonly problems: Problem[] };

/**
 * The mutable data a streaming evaluator reads: the Snapshot's records plus
 * every change applied since, with the relations between them in both
 * directions (forward to evaluate a member, backward to find the members a
 * change touches).
 */
export class LiveData {
  readonly accounts: LiveTable;
  readonly persons: LiveTable;
  readonly opportunities: LiveTable;
  readonly links: LinkTable;
  readonly opportunityRoles: SnapshotRows;
  readonly campaigns: SnapshotRows;
  readonly campaignMembers: SnapshotRows;
  readonly personEvents: EventLog;
  readonly accountEvents: EventLog;
  readonly related = new Map<string, RelatedRows>();
  /** The ids of events applied since the seed (the Snapshot's are found through {@link seedEventIds}). */
  private readonly addedEventIds = StringIndex.empty();
  /** The Snapshot's event ids, answered for a new id by one read. */
  private readonly seedEventIds: SeedEventIds;
  private readonly opportunityAccountIds = new Map<number, string | undefined>();
  private readonly opportunitiesByAccountId = new Map<string, number[]>();
  private readonly ownerKeys = new Map<string, string | undefined>();
  private readonly accountsByKey = new Map<"domain" | "duns", Map<string, number[]>>();

  constructor(readonly snapshot: Snapshot) {
    this.accounts = new LiveTable("account", snapshot.accounts);
    this.persons = new LiveTable("person", snapshot.persons);
    this.opportunities = new LiveTable("opportunity", snapshot.opportunities);
    this.links = new LinkTable(snapshot);
    this.opportunityRoles = new SnapshotRows("opportunityRole", snapshot.opportunityRoles);
    this.campaigns = new SnapshotRows("campaign", snapshot.campaigns);
    this.campaignMembers = new SnapshotRows("campaignMember", snapshot.campaignMembers);
    this.personEvents = new EventLog("person events", snapshot.personEvents);
    this.accountEvents = new EventLog("account events", snapshot.accountEvents);
    for (const [name, table] of snapshot.related) this.related.set(name, new RelatedRows(table));
    // build the id indexes now, so that the first change does not pay for them
    this.accounts.indexOf("");
    this.persons.indexOf("");
    this.opportunities.indexOf("");
    snapshot.personEvents.indexOf("");
    snapshot.accountEvents.indexOf("");
    this.seedEventIds = new SeedEventIds([snapshot.personEvents, snapshot.accountEvents]);
  }

  /** The rows of a context kind (events and related rows are read through their own sources). */
  source(kind: ContextKind, relation?: string): RowSource {
    switch (kind) {
      case "account":
        return this.accounts;
      case "person":
        return this.persons;
      case "link":
        return this.links;
      case "opportunity":
        return this.opportunities;
      case "opportunityRole":
        return this.opportunityRoles;
      case "campaign":
        return this.campaigns;
      case "campaignMember":
        return this.campaignMembers;
      case "related":
        return this.related.get(relatedTableName(relation ?? "") ?? "")!;
      case "event":
        return this.personEvents;
    }
  }

  /** Whether an event id was seen (in the Snapshot or applied since). */
  hasEvent(id: string): boolean {
    return this.addedEventIds.has(id) || this.seedEventIds.has(id);
  }

  /** The account row of an opportunity, or -1. */
  accountOfOpportunity(opportunity: number): number {
    if (this.opportunityAccountIds.has(opportunity)) {
      const id = this.opportunityAccountIds.get(opportunity);
      return id === undefined ? -1 : this.accounts.indexOf(id);
    }
    return opportunity < this.snapshot.opportunities.size ? this.snapshot.opportunities.ref("account")[opportunity]! : -1;
  }

  /** An account's opportunities. */
  opportunitiesOf(account: number): ArrayLike<number> {
    const own = this.opportunitiesByAccountId.get(this.accounts.id(account));
    if (own !== undefined) return own;
    return account < this.snapshot.accounts.size ? this.snapshot.accountOpportunities.of(account) : EMPTY;
  }

  /** The rows of related table `table` that belong to an owner. */
  relatedRowsOf(table: RelatedRows, owner: number): readonly number[] {
    return table.rowsOfKey(this.ownerKey(table, owner));
  }

  /** The owners (accounts or persons) of a related row. */
  ownersOfRelatedRow(table: RelatedRows, row: number): ArrayLike<number> {
    const key = table.value(row, "key");
    return this.ownersOfKey(table, normalizeRelatedKey(table.definition.keyedBy, typeof key === "string" ? key : undefined));
  }

  /**
   * The rows `relation` leads to from a `from` row (forward), or, with
   * `reverse`, the `from` rows whose relation leads to `row`.
   */
  follow(from: ContextKind, relation: string, row: number, reverse = false): ArrayLike<number> {
    const s = this.snapshot;
    if (relation.startsWith("related:")) {
      const table = this.related.get(relation.slice("related:".length));
      if (table === undefined) return EMPTY;
      return reverse ? this.ownersOfRelatedRow(table, row) : this.relatedRowsOf(table, row);
    }
    switch (from) {
      case "account":
        if (relation === "people") return reverse ? this.links.accountsOf(row) : this.links.peopleOf(row);
        if (relation === "links") return reverse ? one(this.links.accountOf(row)) : this.links.linksOfAccount(row);
        if (relation === "opportunities") return reverse ? one(this.accountOfOpportunity(row)) : this.opportunitiesOf(row);
        return EMPTY;
      case "person":
        if (relation === "accounts") return reverse ? this.links.peopleOf(row) : this.links.accountsOf(row);
        if (relation === "links") return reverse ? one(this.links.personOf(row)) : this.links.linksOfPerson(row);
        if (relation === "opportunityRoles")
          return reverse ? one(s.opportunityRoles.ref("person")[row]!) : row < s.persons.size ? s.opportunityRolesByPerson.of(row) : EMPTY;
        if (relation === "campaignMembers")
          return reverse ? one(s.campaignMembers.ref("person")[row]!) : row < s.persons.size ? s.campaignMembersByPerson.of(row) : EMPTY;
        return EMPTY;
      case "link":
        if (relation === "account") return reverse ? this.links.linksOfAccount(row) : one(this.links.accountOf(row));
        if (relation === "person") return reverse ? this.links.linksOfPerson(row) : one(this.links.personOf(row));
        return EMPTY;
      case "opportunity":
        if (relation === "account") return reverse ? this.opportunitiesOf(row) : one(this.accountOfOpportunity(row));
        if (relation === "opportunityRoles")
          return reverse ? one(s.opportunityRoles.ref("opportunity")[row]!) : row < s.opportunities.size ? s.opportunityRolesByOpportunity.of(row) : EMPTY;
        return EMPTY;
      case "opportunityRole":
        if (relation === "opportunity")
          return reverse ? (row < s.opportunities.size ? s.opportunityRolesByOpportunity.of(row) : EMPTY) : one(s.opportunityRoles.ref("opportunity")[row]!);
        if (relation === "person")
          return reverse ? (row < s.persons.size ? s.opportunityRolesByPerson.of(row) : EMPTY) : one(s.opportunityRoles.ref("person")[row]!);
        return EMPTY;
      case "campaign":
        if (relation === "campaignMembers")
          return reverse ? one(s.campaignMembers.ref("campaign")[row]!) : row < s.campaigns.size ? s.campaignMembersByCampaign.of(row) : EMPTY;
        return EMPTY;
      case "campaignMember":
        if (relation === "campaign")
          return reverse ? (row < s.campaigns.size ? s.campaignMembersByCampaign.of(row) : EMPTY) : one(s.campaignMembers.ref("campaign")[row]!);
        if (relation === "person")
          return reverse ? (row < s.persons.size ? s.campaignMembersByPerson.of(row) : EMPTY) : one(s.campaignMembers.ref("person")[row]!);
        return EMPTY;
      default:
        return EMPTY;
    }
  }

  // ---- changes ----

  /** Validates a change and converts it to typed values; nothing changes yet. */
  parse(change: StreamChange): ParseOutcome {
    switch (change.kind) {
      case "event":
        return this.parseEvent(change.record);
      case "account":
      case "person":
      case "opportunity":
        return this.parseEntity(change.kind, change.record);
      case "link":
        return this.parseLink(change.record);
      case "unlink": {
        const account = this.accounts.indexOf(change.accountId);
        const person = this.persons.indexOf(change.personId);
        if (account < 0 || person < 0 || this.links.linkOf(account, person) < 0) {
          return fail([
            {
              path: ["accountId"],
              message: `there is no link between account ${JSON.stringify(change.accountId)} and person ${JSON.stringify(change.personId)}`,
              code: "unknown_link",
            },
          ]);
        }
        return { ok: true, change: { kind: "unlink", account, person } };
      }
      case "relatedRow":
        return this.parseRelatedRow(change.table, change.record);
    }
  }

  /** The entity rows a parsed change touches in the current data (call before and after committing). */
  touches(change: ParsedChange): Touch[] {
    switch (change.kind) {
      case "event":
        return [{ kind: change.ownerKind, row: change.owner, aspect: "events" }];
      case "entity": {
        const row = (change.entity === "account" ? this.accounts : change.entity === "person" ? this.persons : this.opportunities).indexOf(change.id);
        if (row < 0) return [];
        const out: Touch[] = [{ kind: change.entity, row, aspect: "data" }];
        if (change.entity === "opportunity") {
          const account = this.accountOfOpportunity(row);
          if (account >= 0) out.push({ kind: "account", row: account, aspect: "data" });
        }
        return out;
      }
      case "link":
      case "unlink": {
        const out: Touch[] = [
          { kind: "account", row: change.account, aspect: "data" },
          { kind: "person", row: change.person, aspect: "data" },
        ];
        const link = this.links.linkOf(change.account, change.person);
        if (link >= 0) out.push({ kind: "link", row: link, aspect: "data" });
        return out;
      }
      case "relatedRow": {
        const key = change.record.get("key");
        const owners = this.ownersOfKey(change.table, normalizeRelatedKey(change.table.definition.keyedBy, typeof key === "string" ? key : undefined));
        return Array.from(owners, (row) => ({ kind: change.table.ownerKind, row, aspect: "data" }));
      }
    }
  }

  /** Applies a parsed change. Returns the row of a new related row (other changes: -1). */
  commit(change: ParsedChange): number {
    switch (change.kind) {
      case "event": {
        const log = change.ownerKind === "person" ? this.personEvents : this.accountEvents;
        for (const [field, type] of change.newFields) log.declareField(field, type);
        // the id was taken when the event was parsed
        log.insert(change.owner, change.event);
        return -1;
      }
      case "entity":
        this.commitEntity(change);
        return -1;
      case "link":
        this.links.upsert(change.account, change.person, change.record);
        return -1;
      case "unlink":
        this.links.remove(change.account, change.person);
        return -1;
      case "relatedRow":
        for (const [field, type] of change.newFields) change.table.declareField(field, type);
        change.table.add(change.record);
        return change.table.size - 1;
    }
  }

  private commitEntity(change: Extract<ParsedChange, { kind: "entity" }>): void {
    const table = change.entity === "account" ? this.accounts : change.entity === "person" ? this.persons : this.opportunities;
    for (const [field, type] of change.newFields) table.declareField(field, type);
    if (change.entity === "opportunity") {
      const before = table.indexOf(change.id);
      if (before >= 0) {
        const oldAccount = this.accountOfOpportunity(before);
        const oldId = oldAccount >= 0 ? this.accounts.id(oldAccount) : this.opportunityAccountIds.get(before);
        if (oldId !== undefined) {
          const list = this.ownOpportunities(oldId);
          const at = list.indexOf(before);
          if (at >= 0) list.splice(at, 1);
        }
      }
      const { row } = table.upsert(change.id, change.record);
      this.opportunityAccountIds.set(row, change.accountId);
      if (change.accountId !== undefined) {
        const list = this.ownOpportunities(change.accountId);
        if (!list.includes(row)) list.push(row);
        list.sort((a, b) => a - b);
      }
      return;
    }
    if (change.entity === "account") {
      const before = table.indexOf(change.id);
      if (before >= 0) this.unindexAccount(before);
      const { row } = table.upsert(change.id, change.record);
      this.indexAccount(row);
      return;
    }
    table.upsert(change.id, change.record);
  }

  private ownOpportunities(accountId: string): number[] {
    let list = this.opportunitiesByAccountId.get(accountId);
    if (list === undefined) {
      const row = this.accounts.indexOf(accountId);
      list = row >= 0 && row < this.snapshot.accounts.size ? Array.from(this.snapshot.accountOpportunities.of(row)) : [];
      this.opportunitiesByAccountId.set(accountId, list);
    }
    return list;
  }

  // ---- related-table keys ----

  private ownerKey(table: RelatedRows, owner: number): string | undefined {
    const keyedBy = table.definition.keyedBy;
    if (keyedBy === "account") return this.accounts.id(owner);
    if (keyedBy === "person") return this.persons.id(owner);
    const cacheKey = `${keyedBy}:${owner}`;
    if (this.ownerKeys.has(cacheKey)) return this.ownerKeys.get(cacheKey);
    const value = this.accounts.value(owner, keyedBy);
    const key = normalizeRelatedKey(keyedBy, typeof value === "string" ? value : undefined);
    this.ownerKeys.set(cacheKey, key);
    return key;
  }

  private ownersOfKey(table: RelatedRows, key: string | undefined): ArrayLike<number> {
    if (key === undefined) return EMPTY;
    const keyedBy = table.definition.keyedBy;
    if (keyedBy === "account" || keyedBy === "person") {
      const row = (keyedBy === "account" ? this.accounts : this.persons).indexOf(key);
      return row < 0 ? EMPTY : [row];
    }
    return this.accountIndex(keyedBy).get(key) ?? EMPTY;
  }

  private accountIndex(keyedBy: "domain" | "duns"): Map<string, number[]> {
    let index = this.accountsByKey.get(keyedBy);
    if (index === undefined) {
      index = new Map();
      this.accountsByKey.set(keyedBy, index);
      for (let row = 0; row < this.accounts.size; row++) this.addToIndex(index, keyedBy, row);
    }
    return index;
  }

  private addToIndex(index: Map<string, number[]>, keyedBy: "domain" | "duns", row: number): void {
    const value = this.accounts.value(row, keyedBy);
    const key = normalizeRelatedKey(keyedBy, typeof value === "string" ? value : undefined);
    if (key === undefined) return;
    const rows = index.get(key);
    if (rows === undefined) index.set(key, [row]);
    else if (!rows.includes(row)) {
      rows.push(row);
      rows.sort((a, b) => a - b);
    }
  }

  private unindexAccount(row: number): void {
    for (const keyedBy of ["domain", "duns"] as const) {
      this.ownerKeys.delete(`${keyedBy}:${row}`);
      const index = this.accountsByKey.get(keyedBy);
      if (index === undefined) continue;
      const value = this.accounts.value(row, keyedBy);
      const key = normalizeRelatedKey(keyedBy, typeof value === "string" ? value : undefined);
      const rows = key === undefined ? undefined : index.get(key);
      if (rows !== undefined && rows.includes(row)) rows.splice(rows.indexOf(row), 1);
    }
  }

  private indexAccount(row: number): void {
    for (const keyedBy of ["domain", "duns"] as const) {
      this.ownerKeys.delete(`${keyedBy}:${row}`);
      const index = this.accountsByKey.get(keyedBy);
      if (index !== undefined) this.addToIndex(index, keyedBy, row);
    }
  }

  // ---- parsing ----

  private parseEvent(input: unknown): ParseOutcome {
    const parsed = check(ActivityEventSchema, input);
    if (!parsed.ok) return parsed;
    return this.parseValidEvent(parsed.value);
  }

  /**
   * Converts an event record the event schema accepts (checked by the caller)
   * into a change. A valid event takes its id (the caller commits it);
   * `time` is its moment when the caller has already read it.
   */
  parseValidEvent(event: ActivityEvent, time = instantToEpochMs(event.occurredAt)): ParseOutcome {
    const ids = this.addedEventIds;
    // the id is taken at once (one probe tells whether it was known) and given back if the event is rejected
    const idHash = hashString(event.id);
    if (this.seedEventIds.has(event.id, idHash) || !ids.addIfAbsent(event.id, idHash))
      return fail([{ path: ["record", "id"], message: `duplicate event id ${JSON.stringify(event.id)}`, code: "duplicate_id" }]);
    const ownerKind = event.personId !== undefined ? "person" : "account";
    const ownerId = (event.personId ?? event.accountId)!;
    const owner = (ownerKind === "person" ? this.persons : this.accounts).indexOf(ownerId);
    if (owner < 0) {
      ids.removeLast();
      return fail([
        {
          path: ["record", ownerKind === "person" ? "personId" : "accountId"],
          message: `owner ${JSON.stringify(ownerId)} is not known; the event was not applied`,
          code: "unknown_reference",
        },
      ]);
    }
    const log = ownerKind === "person" ? this.personEvents : this.accountEvents;
    const converted = event.properties === undefined ? NO_ATTRIBUTES : convertAttributes(event.properties, log.fieldTypeOf, PROPERTIES_PATH, EVENT_RESERVED);
    if (!converted.ok) {
      ids.removeLast();
      return converted;
    }
    const added: AddedEvent = { id: event.id, type: event.type, time, properties: converted.values };
    return { ok: true, change: { kind: "event", ownerKind, owner, event: added, newFields: converted.newFields } };
  }

  private parseEntity(entity: "account" | "person" | "opportunity", input: unknown): ParseOutcome {
    const schema = entity === "account" ? AccountSchema : entity === "person" ? PersonSchema : OpportunitySchema;
    const parsed = check(schema as z.ZodType<Record<string, unknown>>, input);
    if (!parsed.ok) return parsed;
    const { id, attributes, sourceKeys: _sourceKeys, consent, accountId, ...fields } = parsed.value as Record<string, unknown> & { id: string };
    const table = entity === "account" ? this.accounts : entity === "person" ? this.persons : this.opportunities;
    const standard = STANDARD_FIELDS[entity as EntityKind];
    const values = new Map<string, TypedValue>();
    const problems: Problem[] = [];
    for (const [field, definition] of Object.entries(standard)) {
      const converted = toTypedValue(definition.type, fields[field] as AttributeValue | undefined);
      if (!converted.ok) problems.push({ path: ["record", field], message: converted.message, code: "invalid_type" });
      else if (converted.value !== undefined) values.set(field, converted.value);
    }
    const open: Record<string, AttributeValue> = { ...((attributes as Record<string, AttributeValue> | undefined) ?? {}) };
    if (entity === "person" && consent)
      for (const [channel, state] of Object.entries(consent as Record<string, string>)) open[CONSENT_COLUMN_PREFIX + channel] = state;
    const reserved = new Set([...Object.keys(standard), "id", "sourceKeys"]);
    const converted = convertAttributes(open, (f) => table.fieldType(f), ["record", "attributes"], reserved);
    if (!converted.ok) problems.push(...converted.problems);
    if (problems.length > 0) return fail(problems);
    if (converted.ok) setPairs(values, converted.values);
    const account = entity === "opportunity" && typeof accountId === "string" ? accountId : undefined;
    return { ok: true, change: { kind: "entity", entity, id, record: values, accountId: account, newFields: converted.ok ? converted.newFields : new Map() } };
  }

  private parseLink(input: unknown): ParseOutcome {
    const parsed = check(AccountPersonRelationSchema, input);
    if (!parsed.ok) return parsed;
    const link = parsed.value;
    const account = this.accounts.indexOf(link.accountId);
    const person = this.persons.indexOf(link.personId);
    if (account < 0)
      return fail([
        {
          path: ["record", "accountId"],
          message: `account ${JSON.stringify(link.accountId)} is not known; the link was not applied`,
          code: "unknown_reference",
        },
      ]);
    if (person < 0)
      return fail([
        { path: ["record", "personId"], message: `person ${JSON.stringify(link.personId)} is not known; the link was not applied`, code: "unknown_reference" },
      ]);
    const record = new Map<string, TypedValue>([
      ["roles", [...new Set(link.roles ?? [])].sort()],
      ["isDirect", link.isDirect ?? true],
      ["isActive", link.isActive ?? true],
      ["isPrimary", link.isPrimary ?? false],
      ["reasons", link.reason ? [link.reason] : []],
    ]);
    for (const field of ["startDate", "endDate"] as const) {
      const value = link[field];
      if (value !== undefined && value !== null) record.set(field, (toTypedValue("date", value) as { value: TypedValue }).value);
    }
    return { ok: true, change: { kind: "link", account, person, record } };
  }

  private parseRelatedRow(tableName: string, input: unknown): ParseOutcome {
    const table = this.related.get(tableName);
    if (table === undefined) return fail([{ path: ["table"], message: `no related table ${JSON.stringify(tableName)} was declared`, code: "unknown_table" }]);
    const parsed = check(RelatedRowSchema, input);
    if (!parsed.ok) return parsed;
    const converted = convertAttributes(parsed.value.values, (f) => table.fieldType(f), ["record", "values"], new Set(["key", "id", "sourceKeys"]));
    if (!converted.ok) return converted;
    const record = setPairs(new Map<string, TypedValue>(), converted.values);
    record.set("key", parsed.value.key);
    return { ok: true, change: { kind: "relatedRow", table, record, newFields: converted.newFields } };
  }
}

/** A single row, or nothing for -1 (or a missing reference). */
function one(target: number | undefined): ArrayLike<number> {
  return target === undefined || target < 0 ? EMPTY : [target];
}

function fail(problems: Problem[]): ParseOutcome {
  return { ok: false, problems };
}

function check<T>(schema: z.ZodType<T>, input: unknown): { ok: true; value: T } | { ok: false; problems: Problem[] } {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: problemsFromZod(parsed.error, ["record"]) };
}

/** Sets each name–value pair of `pairs` in `map`; returns `map`. */
function setPairs(map: Map<string, TypedValue>, pairs: PropertyPairs): Map<string, TypedValue> {
  for (let i = 0; i < pairs.length; i += 2) map.set(pairs[i] as string, pairs[i + 1]);
  return map;
}

/** Converts open attributes to typed values (name–value pairs) by their field's type (or the type of a first value). */
function convertAttributes(
  input: Readonly<Record<string, AttributeValue>>,
  typeOf: (field: string) => FieldType | undefined,
  path: readonly (string | number)[],
  reserved: ReadonlySet<string>,
): { ok: true; values: PropertyPairs; newFields: ReadonlyMap<string, FieldType> } | { ok: false; problems: Problem[] } {
  const values: (string | TypedValue)[] = [];
  let newFields: Map<string, FieldType> | undefined;
  let problems: Problem[] | undefined;
  for (const field in input) {
    if (!Object.hasOwn(input, field) || reserved.has(field)) continue;
    const value = input[field]!;
    let type = typeOf(field);
    if (type === undefined) {
      type = inferTypeOf(value);
      if (type === undefined) continue;
      (newFields ??= new Map()).set(field, type);
    }
    const converted = toTypedValue(type, value);
    if (!converted.ok) (problems ??= []).push({ path: [...path, field], message: converted.message, code: "invalid_type" });
    else if (converted.value !== undefined) values.push(field, converted.value);
  }
  if (problems !== undefined) return { ok: false, problems };
  // kept per event: a copy of exactly its length rather than the list's spare room
  return { ok: true, values: values.length === 0 ? NO_ATTRIBUTES.values : values.slice(), newFields: newFields ?? NO_FIELDS };
}
