import type { CoreErrorCode } from "../error-codes.js";
import type { z } from "zod";
import { registrableDomain, normalizeDuns } from "../domain.js";
import { AbmKitError, problemsFromZod, type Problem } from "../errors.js";
import { CONSENT_COLUMN_PREFIX, STANDARD_FIELDS, type EntityKind } from "../entity-fields.js";
import type { DataUsageLabel } from "../labels.js";
import {
  AccountPersonRelationSchema,
  AccountSchema,
  ActivityEventSchema,
  CampaignMemberSchema,
  CampaignSchema,
  OpportunityPersonRoleSchema,
  OpportunitySchema,
  PersonSchema,
  RelatedRowSchema,
  RelatedTableDefinitionSchema,
  type AccountInput,
  type AccountPersonRelation,
  type AccountPersonRelationInput,
  type ActivityEvent,
  type ActivityEventInput,
  type CampaignInput,
  type CampaignMemberInput,
  type OpportunityInput,
  type OpportunityPersonRoleInput,
  type PersonInput,
  type RelatedRow,
  type RelatedRowInput,
  type RelatedTableDefinition,
} from "../schemas/index.js";
import type { SourceKey } from "../source-key.js";
import { parseNow, type NowInput } from "../now.js";
import { instantToEpochMs, type AttributeValue, type FieldDefinitions } from "../values.js";
import { buildAdjacency, invertAdjacency } from "./adjacency.js";
import type { BuildReport, EntityCounts, RowOrigin, RowProblem } from "./build-report.js";
import { isCertainlyValidEvent } from "./certain-event.js";
import { DictionaryBuilder } from "./dictionary.js";
import type { EventColumns } from "./event-columns.js";
import { ADDED, EventTableBuilder } from "./event-table-builder.js";
import { Snapshot, type RelatedTable } from "./snapshot.js";
import { StringIndex } from "./string-index.js";
import type { Table } from "./table.js";
import { TableBuilder } from "./table-builder.js";

/** The kind of a record {@link SnapshotBuilder.addRecord} takes: an entity kind, or `related:<table>`. */
export type SnapshotRecordKind =
  | "account"
  | "person"
  | "link"
  | "opportunity"
  | "opportunityRole"
  | "campaign"
  | "campaignMember"
  | "event"
  | `related:${string}`;

/** Options of a {@link SnapshotBuilder}. */
export interface SnapshotBuilderOptions {
  /** The moment the data is as of ({@link NowInput}: an ISO instant, UTC epoch ms or a Date). */
  readonly asOf: NowInput;
  /** Declared custom fields (types and labels) per entity kind; `event` declares event properties. */
  readonly fields?: Partial<Record<EntityKind, FieldDefinitions>>;
  /** User-declared related tables (owned products, intent, technographics, …). */
  readonly relatedTables?: readonly RelatedTableDefinition[];
  /**
   * Check each record against its zod schema (default true). Turn off only for
   * trusted, generated input: value types are still checked column by column.
   */
  readonly validate?: boolean;
  /** How many problems the report keeps (the rest are counted). Default 10,000. */
  readonly maxProblems?: number;
}

interface LinkAccumulator {
  accountId: string;
  personId: string;
  roles: Set<string>;
  isDirect: boolean;
  isActive: boolean;
  isPrimary: boolean;
  startDate: string | undefined;
  endDate: string | undefined;
  reasons: Set<string>;
  sourceKeys: SourceKey[];
  /** 1-based input position of the first link of this pair, and where it came from. */
  firstRow: number;
  origin: RowOrigin | undefined;
}

const NO_REFS = new Map<never, DictionaryBuilder>();
const NO_RESOLVED = new Map<never, Int32Array>();
const nullToUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/**
 * Builds a {@link Snapshot} incrementally: add records one at a time (any order,
 * any kind), then `build()` once. Records are validated as they arrive; a bad
 * record is reported (entity, row, id, field path, message) and skipped, and the
 * rest is built. Nothing is kept as one array of row objects.
 *
 * @example
 * ```ts
 * import { SnapshotBuilder } from "@abm-kit/core";
 *
 * const builder = new SnapshotBuilder({ asOf: "2026-11-20T12:00:00Z", fields: { account: { Tier__c: { type: "string" } } } });
 * builder.addAccount({ id: "acc-1", name: "Northwind", domain: "northwind.com", attributes: { Tier__c: "1" } });
 * builder.addPerson({ id: "per-1", email: "ada@northwind.com" });
 * builder.addLink({ accountId: "acc-1", personId: "per-1" });
 * const snapshot = builder.build();
 * console.log(snapshot.report); // counts, and every rejected record with the reason
 * ```
 * @category Snapshot
 */
export class SnapshotBuilder {
  private readonly asOf: number;
  private readonly validate: boolean;
  private readonly maxProblems: number;
  private readonly fields: Partial<Record<EntityKind, FieldDefinitions>>;
  private readonly accountIds = new DictionaryBuilder();
  private readonly personIds = new DictionaryBuilder();
  private readonly opportunityIds = new DictionaryBuilder();
  private readonly campaignIds = new DictionaryBuilder();
  private readonly accounts: TableBuilder;
  private readonly persons: TableBuilder;
  private readonly opportunities: TableBuilder<"account">;
  private readonly opportunityRoles: TableBuilder<"opportunity" | "person">;
  private readonly campaigns: TableBuilder;
  private readonly campaignMembers: TableBuilder<"campaign" | "person">;
  private readonly personEvents: EventTableBuilder;
  private readonly accountEvents: EventTableBuilder;
  private readonly eventIds = StringIndex.empty();
  /** Set by `toSnapshot` (an identity graph gives each event id once): no event id is indexed to find repeats. */
  private eventIdsUnique = false;
  private readonly links = new Map<string, LinkAccumulator>();
  private readonly relatedDefinitions = new Map<string, RelatedTableDefinition>();
  private readonly relatedBuilders = new Map<string, TableBuilder>();
  private readonly counts: Record<string, EntityCounts> = {};
  private readonly problems: RowProblem[] = [];
  private problemsOmitted = 0;
  private built = false;

  constructor(options: SnapshotBuilderOptions) {
    this.asOf = parseNow(options?.asOf, ["asOf"]);
    this.validate = options.validate ?? true;
    this.maxProblems = options.maxProblems ?? 10_000;
    this.fields = options.fields ?? {};
    const declared = (kind: EntityKind) => this.fields[kind] ?? {};
    this.accounts = new TableBuilder("account", STANDARD_FIELDS.account, declared("account"), true, NO_REFS);
    this.persons = new TableBuilder("person", STANDARD_FIELDS.person, declared("person"), true, NO_REFS);
    this.opportunities = new TableBuilder("opportunity", STANDARD_FIELDS.opportunity, declared("opportunity"), true, new Map([["account", this.accountIds]]));
    this.opportunityRoles = new TableBuilder(
      "opportunityRole",
      STANDARD_FIELDS.opportunityRole,
      declared("opportunityRole"),
      false,
      new Map<"opportunity" | "person", DictionaryBuilder>([
        ["opportunity", this.opportunityIds],
        ["person", this.personIds],
      ]),
    );
    this.campaigns = new TableBuilder("campaign", STANDARD_FIELDS.campaign, declared("campaign"), true, NO_REFS);
    this.campaignMembers = new TableBuilder(
      "campaignMember",
      STANDARD_FIELDS.campaignMember,
      declared("campaignMember"),
      false,
      new Map<"campaign" | "person", DictionaryBuilder>([
        ["campaign", this.campaignIds],
        ["person", this.personIds],
      ]),
    );
    this.personEvents = new EventTableBuilder("personEvents", this.personIds, declared("event"));
    this.accountEvents = new EventTableBuilder("accountEvents", this.accountIds, declared("event"));
    const definitionProblems: Problem[] = [];
    (options.relatedTables ?? []).forEach((definition, i) => {
      const parsed = RelatedTableDefinitionSchema.safeParse(definition);
      if (!parsed.success) definitionProblems.push(...problemsFromZod(parsed.error, ["relatedTables", i]));
      else if (this.relatedDefinitions.has(parsed.data.name)) {
        definitionProblems.push({ path: ["relatedTables", i, "name"], message: `related table ${parsed.data.name} is declared twice` });
      } else {
        this.relatedDefinitions.set(parsed.data.name, parsed.data);
        this.relatedBuilders.set(
          parsed.data.name,
          new TableBuilder(`related:${parsed.data.name}`, { key: { type: "string" } }, parsed.data.fields, false, NO_REFS),
        );
      }
    });
    if (definitionProblems.length > 0) {
      throw new AbmKitError<CoreErrorCode>("INVALID_OPTIONS", "the snapshot builder's options are invalid", definitionProblems);
    }
  }

  /** Adds an account. Returns false (and reports why) when the record was rejected. */
  addAccount(input: AccountInput, origin?: RowOrigin): boolean {
    return this.takeAccount(input, origin);
  }

  private takeAccount(input: unknown, origin: RowOrigin | undefined): boolean {
    const account = this.check("account", AccountSchema, input, origin);
    if (account === undefined) return false;
    const { id, attributes, sourceKeys, ...fields } = account;
    return this.finish("account", this.accounts.add({ id, fields, attributes, sourceKeys, inputRow: this.counts.account!.read }), id, origin);
  }

  /** Adds a person. Consent becomes one `consent.<channel>` column per channel. */
  addPerson(input: PersonInput, origin?: RowOrigin): boolean {
    return this.takePerson(input, origin);
  }

  private takePerson(input: unknown, origin: RowOrigin | undefined): boolean {
    const person = this.check("person", PersonSchema, input, origin);
    if (person === undefined) return false;
    const { id, attributes, sourceKeys, consent, ...fields } = person;
    let all: Record<string, AttributeValue> | undefined = attributes;
    if (consent) {
      all = { ...attributes };
      for (const [channel, state] of Object.entries(consent)) all[CONSENT_COLUMN_PREFIX + channel] = state;
    }
    return this.finish("person", this.persons.add({ id, fields, attributes: all, sourceKeys, inputRow: this.counts.person!.read }), id, origin);
  }

  /**
   * Adds an account–person link. Links between the same pair merge: roles and
   * reasons are united; direct, active and primary if any link is.
   */
  addLink(input: AccountPersonRelationInput, origin?: RowOrigin): boolean {
    return this.takeLink(input, origin);
  }

  private takeLink(input: unknown, origin: RowOrigin | undefined): boolean {
    const link = this.check("link", AccountPersonRelationSchema, input, origin);
    if (link === undefined) return false;
    this.mergeLink(link, this.counts.link!.read, origin);
    this.counts.link!.loaded++;
    return true;
  }

  addOpportunity(input: OpportunityInput, origin?: RowOrigin): boolean {
    return this.takeOpportunity(input, origin);
  }

  private takeOpportunity(input: unknown, origin: RowOrigin | undefined): boolean {
    const opportunity = this.check("opportunity", OpportunitySchema, input, origin);
    if (opportunity === undefined) return false;
    const { id, attributes, sourceKeys, accountId, ...fields } = opportunity;
    return this.finish(
      "opportunity",
      this.opportunities.add({ id, fields, attributes, sourceKeys, refs: { account: accountId }, inputRow: this.counts.opportunity!.read }),
      id,
      origin,
    );
  }

  addOpportunityRole(input: OpportunityPersonRoleInput, origin?: RowOrigin): boolean {
    return this.takeOpportunityRole(input, origin);
  }

  private takeOpportunityRole(input: unknown, origin: RowOrigin | undefined): boolean {
    const role = this.check("opportunityRole", OpportunityPersonRoleSchema, input, origin);
    if (role === undefined) return false;
    const { id, attributes, sourceKeys, opportunityId, personId, ...fields } = role;
    return this.finish(
      "opportunityRole",
      this.opportunityRoles.add({
        fields,
        attributes,
        sourceKeys,
        refs: { opportunity: opportunityId, person: personId },
        inputRow: this.counts.opportunityRole!.read,
      }),
      id,
      origin,
    );
  }

  addCampaign(input: CampaignInput, origin?: RowOrigin): boolean {
    return this.takeCampaign(input, origin);
  }

  private takeCampaign(input: unknown, origin: RowOrigin | undefined): boolean {
    const campaign = this.check("campaign", CampaignSchema, input, origin);
    if (campaign === undefined) return false;
    const { id, attributes, sourceKeys, ...fields } = campaign;
    return this.finish("campaign", this.campaigns.add({ id, fields, attributes, sourceKeys, inputRow: this.counts.campaign!.read }), id, origin);
  }

  addCampaignMember(input: CampaignMemberInput, origin?: RowOrigin): boolean {
    return this.takeCampaignMember(input, origin);
  }

  private takeCampaignMember(input: unknown, origin: RowOrigin | undefined): boolean {
    const member = this.check("campaignMember", CampaignMemberSchema, input, origin);
    if (member === undefined) return false;
    const { id, attributes, sourceKeys, campaignId, personId, ...fields } = member;
    return this.finish(
      "campaignMember",
      this.campaignMembers.add({
        fields,
        attributes,
        sourceKeys,
        refs: { campaign: campaignId, person: personId },
        inputRow: this.counts.campaignMember!.read,
      }),
      id,
      origin,
    );
  }

  /** Adds an event owned by a person or by an account. A repeated event id is rejected. */
  addEvent(input: ActivityEventInput, origin?: RowOrigin): boolean {
    return this.takeEvent(input, origin);
  }

  private takeEvent(input: unknown, origin: RowOrigin | undefined): boolean {
    const event = this.check("event", ActivityEventSchema, input, origin, isCertainlyValidEvent) as ActivityEvent | undefined;
    if (event === undefined) return false;
    const time = instantToEpochMs(event.occurredAt);
    const reject = (problem: Problem) => this.finish("event", { added: false, problems: [problem] }, event.id, origin);
    if (!this.validate) {
      if (typeof event.id !== "string" || event.id === "") return reject({ path: ["id"], message: "id is required" });
      if (typeof event.type !== "string" || event.type === "") return reject({ path: ["type"], message: "type is required" });
      if ((event.personId === undefined) === (event.accountId === undefined)) {
        return reject({ path: ["personId"], message: "an event is owned by exactly one of personId and accountId" });
      }
    }
    if (!Number.isFinite(time)) return reject({ path: ["occurredAt"], message: "not a valid instant" });
    if (!this.eventIdsUnique && !this.eventIds.addIfAbsent(event.id))
      return reject({ path: ["id"], message: `duplicate event id ${JSON.stringify(event.id)}`, code: "duplicate_id" });
    const builder = event.personId !== undefined ? this.personEvents : this.accountEvents;
    const row = {
      id: event.id,
      type: event.type,
      time,
      ownerId: (event.personId ?? event.accountId)!,
      properties: event.properties,
      sourceKeys: event.sourceKeys,
      inputRow: this.counts.event!.read,
    };
    return this.finish("event", builder.add(row), event.id, origin);
  }

  /**
   * Adds the events of `rows` (in that order) from columns, as {@link addEvent}
   * would add each row's event, with the same checks, counts and reported
   * problems, but without an event object, a time text or a source-key object
   * per row: times stay epoch ms, owners are found once per owner code, a
   * property set's columns once per set. With `validate` on, each row's event
   * is checked against the schema as `addEvent` checks it.
   * @internal used by `toSnapshot`
   */
  addEventColumns(columns: EventColumns, rows: Int32Array): void {
    if (this.validate) {
      for (let i = 0; i < rows.length; i++) this.addEvent(columns.event(rows[i]!));
      return;
    }
    if (this.built) throw new AbmKitError<CoreErrorCode>("BUILDER_USED", "this SnapshotBuilder has already built its snapshot");
    const counts = this.count("event");
    const { times, typeCodes, types, ownerCodes, owners, ownerIsAccount, propertyCodes, propertySets, keyShapeCodes, keyPrefixes } = columns;
    // owner code → code of the person or account id dictionary, found on first use (-1: not yet)
    const personCodes = new Int32Array(owners.length).fill(-1);
    const accountCodes = new Int32Array(owners.length).fill(-1);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      counts.read++;
      const id = columns.id(r);
      const type = types[typeCodes[r]!]!;
      let time = times[r]!;
      if (time !== time) time = instantToEpochMs(columns.occurredAtText(r));
      const isAccount = ownerIsAccount[r] === 1;
      const owner = ownerCodes[r]!;
      let problem: Problem | undefined;
      if (typeof id !== "string" || id === "") problem = { path: ["id"], message: "id is required" };
      else if (typeof type !== "string" || type === "") problem = { path: ["type"], message: "type is required" };
      else if (typeof owners[owner] !== "string") problem = { path: ["personId"], message: "an event is owned by exactly one of personId and accountId" };
      else if (!Number.isFinite(time)) problem = { path: ["occurredAt"], message: "not a valid instant" };
      else if (!this.eventIdsUnique && !this.eventIds.addIfAbsent(id))
        problem = { path: ["id"], message: `duplicate event id ${JSON.stringify(id)}`, code: "duplicate_id" };
      if (problem !== undefined) {
        this.finish("event", { added: false, problems: [problem] }, id, undefined);
        continue;
      }
      const codes = isAccount ? accountCodes : personCodes;
      let ownerCode = codes[owner]!;
      if (ownerCode < 0) ownerCode = codes[owner] = (isAccount ? this.accountIds : this.personIds).code(owners[owner]!);
      const setCode = propertyCodes[r]!;
      const shape = keyShapeCodes[r]!;
      const result = (isAccount ? this.accountEvents : this.personEvents).addParts(
        id,
        type,
        time,
        ownerCode,
        setCode < 0 ? undefined : propertySets[setCode],
        setCode,
        shape < 0 ? undefined : keyPrefixes[shape]! + columns.keyId(r),
        shape < 0 ? columns.otherSourceKeys(r) : undefined,
        counts.read,
      );
      if (result === ADDED) counts.loaded++;
      else this.finish("event", result, id, undefined);
    }
  }

  /** Adds a row to a declared related table. */
  addRelatedRow(tableName: string, input: RelatedRowInput, origin?: RowOrigin): boolean {
    return this.takeRelatedRow(tableName, input, origin);
  }

  /**
   * Adds a record of any kind from untyped data (parsed JSON, rows of a file):
   * the typed `add*` methods are the same with a compile-time check. The
   * record is validated at run time either way; a bad one is reported and skipped.
   * `kind` is an entity kind or `related:<table>` for a row of a declared related table.
   */
  addRecord(kind: SnapshotRecordKind, input: unknown, origin?: RowOrigin): boolean {
    if (kind.startsWith("related:")) return this.takeRelatedRow(kind.slice("related:".length), input, origin);
    switch (kind as Exclude<SnapshotRecordKind, `related:${string}`>) {
      case "account":
        return this.takeAccount(input, origin);
      case "person":
        return this.takePerson(input, origin);
      case "link":
        return this.takeLink(input, origin);
      case "opportunity":
        return this.takeOpportunity(input, origin);
      case "opportunityRole":
        return this.takeOpportunityRole(input, origin);
      case "campaign":
        return this.takeCampaign(input, origin);
      case "campaignMember":
        return this.takeCampaignMember(input, origin);
      case "event":
        return this.takeEvent(input, origin);
      default:
        throw new AbmKitError<CoreErrorCode>("INVALID_OPTIONS", `unknown record kind ${JSON.stringify(kind)}`, [
          { path: ["kind"], message: "not a record kind" },
        ]);
    }
  }

  private takeRelatedRow(tableName: string, input: unknown, origin: RowOrigin | undefined): boolean {
    const builder = this.relatedBuilders.get(tableName);
    const entity = `related:${tableName}`;
    if (builder === undefined) {
      this.count(entity).read++;
      this.count(entity).rejected++;
      this.report({
        entity,
        row: this.count(entity).read,
        severity: "error",
        path: [],
        message: `no related table ${JSON.stringify(tableName)} was declared`,
        origin,
      });
      return false;
    }
    const row = this.check(entity, RelatedRowSchema, input, origin) as RelatedRow | undefined;
    if (row === undefined) return false;
    return this.finish(
      entity,
      builder.add({ fields: { key: row.key }, attributes: row.values, sourceKeys: row.sourceKeys, inputRow: this.count(entity).read }),
      row.id,
      origin,
    );
  }

  /** Freezes everything added into a {@link Snapshot}. The builder cannot be used afterwards. */
  build(): Snapshot {
    if (this.built) throw new AbmKitError<CoreErrorCode>("BUILDER_USED", "this SnapshotBuilder has already built its snapshot");
    this.built = true;

    const accounts = this.freezeById(this.accounts, "account");
    const persons = this.freezeById(this.persons, "person");
    const campaigns = this.freezeById(this.campaigns, "campaign");
    const accountRowOf = rowLookup(this.accountIds, accounts);
    const personRowOf = rowLookup(this.personIds, persons);
    const campaignRowOf = rowLookup(this.campaignIds, campaigns);

    // opportunities: an unknown account is a warning; the opportunity is kept without one
    const opportunityAccount = mapCodes(this.opportunities.refCodesOf("account"), accountRowOf);
    const opportunityAccountCodes = this.opportunities.refCodesOf("account");
    opportunityAccount.forEach((row, i) => {
      if (row < 0 && opportunityAccountCodes[i]! >= 0) {
        this.report({
          entity: "opportunity",
          row: this.opportunities.inputRowOf(i),
          id: this.opportunities.ids[i],
          severity: "warning",
          path: ["accountId"],
          message: `account ${JSON.stringify(this.accountIds.values[opportunityAccountCodes[i]!])} is not in the snapshot; the opportunity has no account`,
          code: "unknown_reference",
        });
      }
    });
    const opportunities = this.opportunities.freeze(this.opportunities.idOrder(), new Map([["account", opportunityAccount]]), this.labelsOf("opportunity"));
    const opportunityRowOf = rowLookup(this.opportunityIds, opportunities);

    const links = this.freezeLinks(accounts, persons);
    const opportunityRoles = this.freezeReferencing(this.opportunityRoles, "opportunityRole", { opportunity: opportunityRowOf, person: personRowOf }, [
      "opportunity",
      "person",
    ]);
    const campaignMembers = this.freezeReferencing(this.campaignMembers, "campaignMember", { campaign: campaignRowOf, person: personRowOf }, [
      "campaign",
      "person",
    ]);

    const personEvents = this.freezeEvents(this.personEvents, personRowOf, persons.size, "personId");
    const accountEvents = this.freezeEvents(this.accountEvents, accountRowOf, accounts.size, "accountId");

    const { related, unmatched } = this.freezeRelated(accounts, persons);

    const active = links.column("isActive")!;
    const linkAccount = links.ref("account");
    const linkPerson = links.ref("person");
    const activeAccount = linkAccount.map((a, i) => (active.value(i) === false ? -1 : a));
    const accountPeople = buildAdjacency(accounts.size, activeAccount, linkPerson, { unique: true });
    const linkRows = Int32Array.from({ length: links.size }, (_, i) => i);
    const accountLinks = buildAdjacency(accounts.size, linkAccount, linkRows);
    const opportunityRows = Int32Array.from({ length: opportunities.size }, (_, i) => i);
    const roleRows = Int32Array.from({ length: opportunityRoles.size }, (_, i) => i);
    const memberRows = Int32Array.from({ length: campaignMembers.size }, (_, i) => i);

    const report: BuildReport = {
      counts: this.counts,
      problems: this.problems,
      problemsOmitted: this.problemsOmitted,
      unmatchedRelatedRows: unmatched,
    };
    return new Snapshot({
      asOf: this.asOf,
      accounts,
      persons,
      links,
      opportunities,
      opportunityRoles,
      campaigns,
      campaignMembers,
      personEvents,
      accountEvents,
      related,
      accountPeople,
      personAccounts: invertAdjacency(accountPeople, persons.size),
      accountLinks,
      personLinks: buildAdjacency(persons.size, linkPerson, linkRows),
      accountOpportunities: buildAdjacency(accounts.size, opportunities.ref("account"), opportunityRows),
      opportunityRolesByOpportunity: buildAdjacency(opportunities.size, opportunityRoles.ref("opportunity"), roleRows),
      opportunityRolesByPerson: buildAdjacency(persons.size, opportunityRoles.ref("person"), roleRows),
      campaignMembersByPerson: buildAdjacency(persons.size, campaignMembers.ref("person"), memberRows),
      campaignMembersByCampaign: buildAdjacency(campaigns.size, campaignMembers.ref("campaign"), memberRows),
      report,
    });
  }

  // ---- internals ----

  private count(entity: string): EntityCounts {
    return (this.counts[entity] ??= { read: 0, loaded: 0, rejected: 0 });
  }

  private report(problem: RowProblem): void {
    if (this.problems.length < this.maxProblems) this.problems.push(problem);
    else this.problemsOmitted++;
  }

  private labelsOf(kind: EntityKind) {
    const declared = this.fields[kind] ?? {};
    const standard = STANDARD_FIELDS[kind];
    return (field: string): readonly DataUsageLabel[] => declared[field]?.labels ?? standard[field]?.labels ?? [];
  }

  /** Counts a read, validates with the schema (when on); reports and returns undefined on failure. */
  private check<S extends z.ZodType>(
    entity: string,
    schema: S,
    input: unknown,
    origin: RowOrigin | undefined,
    /** A cheap test that is true only for input the schema certainly accepts unchanged. */
    certainlyValid?: (input: object) => boolean,
  ): z.output<S> | undefined {
    if (this.built) throw new AbmKitError<CoreErrorCode>("BUILDER_USED", "this SnapshotBuilder has already built its snapshot");
    const counts = this.count(entity);
    counts.read++;
    if (typeof input !== "object" || input === null) {
      counts.rejected++;
      this.report({ entity, row: counts.read, severity: "error", path: [], message: "expected an object", origin });
      return undefined;
    }
    if (!this.validate || certainlyValid?.(input)) return input as z.output<S>;
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    counts.rejected++;
    const id = (input as { id?: unknown }).id;
    for (const problem of problemsFromZod(parsed.error)) {
      this.report({ ...problem, entity, row: counts.read, id: typeof id === "string" ? id : undefined, severity: "error", origin });
    }
    return undefined;
  }

  private finish(entity: string, result: { added: boolean; problems: readonly Problem[] }, id: string | undefined, origin: RowOrigin | undefined): boolean {
    const counts = this.count(entity);
    if (result.added) counts.loaded++;
    else counts.rejected++;
    for (const problem of result.problems) {
      const severity = result.added || problem.code === "reserved_name" ? "warning" : "error";
      this.report({ ...problem, entity, row: counts.read, id, severity, origin });
    }
    return result.added;
  }

  private mergeLink(link: AccountPersonRelation, row: number, origin: RowOrigin | undefined): void {
    const key = `${link.accountId}\u0000${link.personId}`;
    let acc = this.links.get(key);
    if (acc === undefined) {
      acc = {
        accountId: link.accountId,
        personId: link.personId,
        roles: new Set(),
        isDirect: false,
        isActive: false,
        isPrimary: false,
        startDate: undefined,
        endDate: undefined,
        reasons: new Set(),
        sourceKeys: [],
        firstRow: row,
        origin,
      };
      this.links.set(key, acc);
    }
    for (const role of link.roles ?? []) acc.roles.add(role);
    acc.isDirect ||= link.isDirect ?? true;
    acc.isActive ||= link.isActive ?? true;
    acc.isPrimary ||= link.isPrimary ?? false;
    const start = nullToUndefined(link.startDate);
    const end = nullToUndefined(link.endDate);
    if (start !== undefined && (acc.startDate === undefined || start < acc.startDate)) acc.startDate = start;
    if (end !== undefined && (acc.endDate === undefined || end > acc.endDate)) acc.endDate = end;
    if (link.reason) acc.reasons.add(link.reason);
    acc.sourceKeys.push(...(link.sourceKeys ?? []));
  }

  private freezeById(builder: TableBuilder, kind: EntityKind): Table {
    return builder.freeze(builder.idOrder(), NO_RESOLVED, this.labelsOf(kind));
  }

  private freezeLinks(accounts: Table, persons: Table): Table<"account" | "person"> {
    const builder = new TableBuilder<"account" | "person">("link", STANDARD_FIELDS.link, {}, false, NO_REFS);
    const counts = this.count("link");
    const accountRows: number[] = [];
    const personRows: number[] = [];
    for (const acc of this.links.values()) {
      const a = accounts.indexOf(acc.accountId);
      const p = persons.indexOf(acc.personId);
      if (a < 0 || p < 0) {
        const missing = a < 0 ? `account ${JSON.stringify(acc.accountId)}` : `person ${JSON.stringify(acc.personId)}`;
        counts.loaded--;
        counts.rejected++;
        this.report({
          entity: "link",
          row: acc.firstRow,
          severity: "error",
          path: [a < 0 ? "accountId" : "personId"],
          message: `${missing} is not in the snapshot; the link was dropped`,
          code: "unknown_reference",
          origin: acc.origin,
        });
        continue;
      }
      accountRows.push(a);
      personRows.push(p);
      builder.add({
        fields: {
          roles: [...acc.roles].sort(),
          isDirect: acc.isDirect,
          isActive: acc.isActive,
          isPrimary: acc.isPrimary,
          startDate: acc.startDate,
          endDate: acc.endDate,
          reasons: [...acc.reasons].sort(),
        },
        sourceKeys: acc.sourceKeys,
      });
    }
    const account = Int32Array.from(accountRows);
    const person = Int32Array.from(personRows);
    const order = Int32Array.from({ length: builder.rowCount }, (_, i) => i).sort((x, y) => account[x]! - account[y]! || person[x]! - person[y]!);
    return builder.freeze(
      order,
      new Map([
        ["account", account],
        ["person", person],
      ]),
      this.labelsOf("link"),
    );
  }

  /** Freezes a table of rows that reference two others; rows with an unknown reference are dropped and reported. */
  private freezeReferencing<R extends string>(
    builder: TableBuilder<R>,
    kind: EntityKind,
    lookups: Record<R, (code: number) => number>,
    sortBy: [R, R],
  ): Table<R> {
    const resolved = new Map<R, Int32Array>();
    for (const ref of Object.keys(lookups) as R[]) resolved.set(ref, mapCodes(builder.refCodesOf(ref), lookups[ref]));
    const counts = this.count(kind);
    const kept: number[] = [];
    for (let row = 0; row < builder.rowCount; row++) {
      const missing = [...resolved.entries()].find(([, rows]) => rows[row]! < 0);
      if (missing === undefined) {
        kept.push(row);
        continue;
      }
      counts.loaded--;
      counts.rejected++;
      this.report({
        entity: kind,
        row: builder.inputRowOf(row),
        severity: "error",
        path: [`${missing[0]}Id`],
        message: `the ${missing[0]} it refers to is not in the snapshot; the row was dropped`,
        code: "unknown_reference",
      });
    }
    const [first, second] = [resolved.get(sortBy[0])!, resolved.get(sortBy[1])!];
    const order = Int32Array.from(kept).sort((x, y) => first[x]! - first[y]! || second[x]! - second[y]! || x - y);
    return builder.freeze(order, resolved, this.labelsOf(kind));
  }

  private freezeEvents(builder: EventTableBuilder, ownerRowOf: (code: number) => number, ownerCount: number, ownerField: string) {
    const ownerDictionary = builder === this.personEvents ? this.personIds : this.accountIds;
    const ownerRow = Int32Array.from({ length: ownerDictionary.size }, (_, code) => ownerRowOf(code));
    const { table, orphans } = builder.freeze(ownerRow, ownerCount, this.labelsOf("event"));
    const counts = this.count("event");
    const codes = builder.ownerCodes();
    for (const row of orphans) {
      counts.loaded--;
      counts.rejected++;
      this.report({
        entity: "event",
        row: builder.inputRowOf(row),
        id: builder.ids[row],
        severity: "error",
        path: [ownerField],
        message: `owner ${JSON.stringify(ownerDictionary.values[codes[row]!])} is not in the snapshot; the event was dropped`,
        code: "unknown_reference",
      });
    }
    return table;
  }

  private freezeRelated(accounts: Table, persons: Table) {
    const related = new Map<string, RelatedTable>();
    const unmatched: Record<string, number> = {};
    let byDomain: Map<string, number[]> | undefined;
    let byDuns: Map<string, number[]> | undefined;
    const accountsBy = (field: "domain" | "duns", normalize: (v: string) => string | undefined) => {
      const index = new Map<string, number[]>();
      const column = accounts.column(field)!;
      for (let row = 0; row < accounts.size; row++) {
        const value = column.value(row);
        const key = typeof value === "string" ? normalize(value) : undefined;
        if (key === undefined) continue;
        const list = index.get(key);
        if (list) list.push(row);
        else index.set(key, [row]);
      }
      return index;
    };
    for (const [name, definition] of this.relatedDefinitions) {
      const builder = this.relatedBuilders.get(name)!;
      const table = builder.freeze(
        Int32Array.from({ length: builder.rowCount }, (_, i) => i),
        NO_RESOLVED,
        (field) => definition.fields[field]?.labels ?? [],
      );
      const keys = table.column("key")!;
      const owners: number[] = [];
      const rows: number[] = [];
      let misses = 0;
      for (let row = 0; row < table.size; row++) {
        const key = keys.value(row) as string;
        let matched: readonly number[] = [];
        switch (definition.keyedBy) {
          case "account":
            matched = [accounts.indexOf(key)].filter((r) => r >= 0);
            break;
          case "person":
            matched = [persons.indexOf(key)].filter((r) => r >= 0);
            break;
          case "domain": {
            byDomain ??= accountsBy("domain", registrableDomain);
            const domain = registrableDomain(key);
            matched = (domain && byDomain.get(domain)) || [];
            break;
          }
          case "duns": {
            byDuns ??= accountsBy("duns", normalizeDuns);
            const duns = normalizeDuns(key);
            matched = (duns && byDuns.get(duns)) || [];
            break;
          }
        }
        if (matched.length === 0) misses++;
        for (const owner of matched) {
          owners.push(owner);
          rows.push(row);
        }
      }
      unmatched[name] = misses;
      const ownerKind = definition.keyedBy === "person" ? "person" : "account";
      const ownerCount = ownerKind === "person" ? persons.size : accounts.size;
      related.set(name, { definition, table, ownerKind, byOwner: buildAdjacency(ownerCount, owners, rows, { unique: true }) });
    }
    return { related, unmatched };
  }
}

/** A function from id-dictionary code to row number in `table` (-1 when absent). */
function rowLookup(dictionary: DictionaryBuilder, table: Table<string>): (code: number) => number {
  const rows = new Int32Array(dictionary.size);
  for (let code = 0; code < dictionary.size; code++) rows[code] = table.indexOf(dictionary.values[code]!);
  return (code) => (code < 0 || code >= rows.length ? -1 : rows[code]!);
}

function mapCodes(codes: Int32Array, lookup: (code: number) => number): Int32Array {
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = lookup(codes[i]!);
  return out;
}

/**
 * The records of a Snapshot, by kind, as any iterables (arrays, generators),
 * typed by each schema's input type. For untyped data use
 * {@link SnapshotBuilder.addRecord}.
 */
export interface SnapshotInput {
  readonly accounts?: Iterable<AccountInput>;
  readonly persons?: Iterable<PersonInput>;
  readonly links?: Iterable<AccountPersonRelationInput>;
  readonly opportunities?: Iterable<OpportunityInput>;
  readonly opportunityRoles?: Iterable<OpportunityPersonRoleInput>;
  readonly campaigns?: Iterable<CampaignInput>;
  readonly campaignMembers?: Iterable<CampaignMemberInput>;
  readonly events?: Iterable<ActivityEventInput>;
  /** Rows of declared related tables, by table name. */
  readonly related?: Readonly<Record<string, Iterable<RelatedRowInput>>>;
}

/** Builds a Snapshot from iterables of records in one call (each record is still validated at run time). */
export function buildSnapshot(input: SnapshotInput, options: SnapshotBuilderOptions): Snapshot {
  return buildSnapshotUntyped(input, options);
}

/** {@link SnapshotInput} for untyped data (parsed JSON, rows of a file): every record is `unknown`. */
export type UntypedSnapshotInput = { readonly [K in Exclude<keyof SnapshotInput, "related">]?: Iterable<unknown> } & {
  readonly related?: Readonly<Record<string, Iterable<unknown>>>;
};

const INPUT_KINDS = [
  ["accounts", "account"],
  ["persons", "person"],
  ["links", "link"],
  ["opportunities", "opportunity"],
  ["opportunityRoles", "opportunityRole"],
  ["campaigns", "campaign"],
  ["campaignMembers", "campaignMember"],
  ["events", "event"],
] as const;

/**
 * {@link buildSnapshot} for untyped data: the same run-time validation (a bad
 * record is reported in `snapshot.report` and skipped), no compile-time check.
 */
export function buildSnapshotUntyped(input: UntypedSnapshotInput, options: SnapshotBuilderOptions): Snapshot {
  const builder = new SnapshotBuilder(options);
  for (const [key, kind] of INPUT_KINDS) for (const r of input[key] ?? []) builder.addRecord(kind, r);
  for (const [table, rows] of Object.entries(input.related ?? {})) for (const r of rows) builder.addRecord(`related:${table}`, r);
  return builder.build();
}
