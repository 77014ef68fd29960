import { problemsFromZod } from "../errors.js";
import type { EntityKind } from "../entity-fields.js";
import { RelatedTableDefinitionSchema, type ActivityEvent } from "../schemas/index.js";
import type { FieldDefinition, FieldDefinitions } from "../values.js";
import { isBlockedValue } from "./blocked-values.js";
import { isCertainlyValidEventRecord } from "./certain-event-record.js";
import { ClusterIndex } from "./cluster-index.js";
import type { EventColumns } from "../snapshot/event-columns.js";
import type { EventChunk } from "./event-chunk.js";
import { EventStore } from "./event-store.js";
import { resolveIdentityConfig, type IdentityConfig, type IdentityConfigInput } from "./identity-config.js";
import type { IdentityProblem } from "./identity-problem.js";
import {
  BATCH_PARTS,
  BATCH_PART_SCHEMAS,
  type AccountSourceRecord,
  type BatchPart,
  type EventSourceRecord,
  type IdentityBatch,
  type PersonSourceRecord,
} from "./identity-records.js";
import { EMAIL_NAMESPACE, type IdentityRef } from "./identity-ref.js";
import { normalizeEmail } from "./normalize-email.js";
import { unify, type GraphState, type StoredEntityRecord, type UnifiedGraph } from "./unify.js";
import type { EntityExplanation, IdentityReport, LinkExplanation, UnifiedEntities } from "./unified-entities.js";

/** What one `add` call did: records read, loaded and rejected per batch part, and the rejected records' problems. */
export interface BatchAddReport {
  readonly counts: Readonly<Record<string, { read: number; loaded: number; rejected: number }>>;
  readonly problems: readonly IdentityProblem[];
}

/**
 * The identity graph: source records of persons and accounts (and everything
 * that points at them) in, unified core entities out. Persons merge on shared
 * values of the configured namespaces (cross-references, normalized email),
 * accounts on the shared CRM key; a collapse guard ignores blocked values and
 * values shared by too many records. Links, opportunities, roles, members,
 * events and related rows are re-pointed to the unified ids.
 *
 * `add` may be called any number of times; the result always equals one graph
 * built from all records at once, in any order.
 */
export class IdentityGraph {
  readonly config: IdentityConfig;
  private readonly state: GraphState;
  private cached: UnifiedGraph | undefined;

  constructor(config?: IdentityConfigInput) {
    this.config = resolveIdentityConfig(config);
    this.state = {
      config: this.config,
      persons: [],
      accounts: [],
      personIndex: new ClusterIndex(this.config.persons.mergeOn),
      accountIndex: new ClusterIndex(this.config.accounts.mergeOn),
      links: [],
      opportunities: [],
      opportunityRoles: [],
      campaigns: [],
      campaignMembers: [],
      events: new EventStore(),
      related: [],
      fields: {},
      relatedTables: new Map(),
      problems: [],
      blocked: {},
    };
  }

  /** Adds a batch of source records. Invalid records are reported and skipped; the rest is added. */
  add(batch: IdentityBatch): BatchAddReport {
    this.cached = undefined;
    const counts: Record<string, { read: number; loaded: number; rejected: number }> = {};
    const problems: IdentityProblem[] = [];
    for (const part of BATCH_PARTS) {
      const records = (batch[part] ?? []) as readonly unknown[];
      if (records.length === 0) continue;
      const count = (counts[part] = { read: 0, loaded: 0, rejected: 0 });
      records.forEach((input, index) => this.addRecord(part, input, index, count, problems));
    }
    for (const [kind, defs] of Object.entries(batch.fields ?? {})) this.declare(kind, defs as FieldDefinitions, problems);
    (batch.relatedTables ?? []).forEach((input, index) => this.declareTable(input, index, problems));
    this.state.problems.push(...problems);
    return { counts, problems };
  }

  /**
   * Adds a batch of event records given as columns (see `EventChunk`), as
   * `add({ events })` with those records in their order would: the same rows,
   * the same checks and problems for the records the chunk holds whole.
   * @internal used by `loadExports` for files mapped in a worker thread
   */
  addEventChunk(chunk: EventChunk): BatchAddReport {
    this.cached = undefined;
    const problems: IdentityProblem[] = [];
    const count = { read: chunk.rows, loaded: chunk.rows, rejected: 0 };
    this.state.events.addChunk(chunk, (record, index) => this.addRecord("events", record, index, count, problems));
    this.state.problems.push(...problems);
    return { counts: count.read > 0 ? { events: count } : {}, problems };
  }

  private addRecord(
    part: BatchPart,
    input: unknown,
    index: number,
    count: { read: number; loaded: number; rejected: number },
    problems: IdentityProblem[],
  ): void {
    count.read++;
    if (part === "events" && isCertainlyValidEventRecord(input)) {
      count.loaded++;
      this.state.events.add(input as EventSourceRecord);
      return;
    }
    const parsed = BATCH_PART_SCHEMAS[part].safeParse(input);
    if (!parsed.success) {
      count.rejected++;
      const origin = (input as { origin?: IdentityProblem["origin"] } | null)?.origin;
      for (const p of problemsFromZod(parsed.error)) problems.push({ ...p, part, index, severity: "error", origin });
      return;
    }
    count.loaded++;
    this.store(part, parsed.data);
  }

  /** The unified entities, ready for `SnapshotBuilder` (see {@link toSnapshot}). */
  entities(): UnifiedEntities {
    return this.unified().entities;
  }

  /**
   * Visits every unified event once (re-pointed to unified ids), in no particular
   * order, without building the list `entities().events` holds. The events'
   * properties objects are shared: do not change them.
   */
  forEachEvent(visit: (event: ActivityEvent) => void): void {
    this.unified().forEachEvent(visit);
  }

  /**
   * Visits the unified events as `forEachEvent` does, in the same order, but
   * hands runs of events over as columns of the graph's event store (owners
   * as codes of unified ids) instead of as one object per event: see
   * `SnapshotBuilder.addEventColumns`.
   * @internal used by `toSnapshot`
   */
  forEachEventRun(visitRows: (columns: EventColumns, rows: Int32Array) => void, visit: (event: ActivityEvent) => void): void {
    this.unified().forEachEventRun(visitRows, visit);
  }

  /** Counts before and after merging, links per rule, guarded values and problems. */
  get report(): IdentityReport {
    return this.unified().report;
  }

  /** The unified person id of a source identity (`{ namespace: "marketo.lead", value: "1042" }`), if it resolves to one. */
  personIdOf(ref: IdentityRef): string | undefined {
    return this.unified().personIdOf(ref);
  }

  /** The unified account id of a source identity, a `domain` or a `duns`, if it resolves to exactly one. */
  accountIdOf(ref: IdentityRef): string | undefined {
    return this.unified().accountIdOf(ref);
  }

  /** Why these source records are one person: its records, the values that merged them, and the identities ignored. */
  explainPerson(personId: string): EntityExplanation | undefined {
    return this.unified().explainPerson(personId);
  }

  /** Why these source records are one account. */
  explainAccount(accountId: string): EntityExplanation | undefined {
    return this.unified().explainAccount(accountId);
  }

  /** Why a person is linked to an account: each rule and the record that stated it. */
  explainLink(personId: string, accountId: string): LinkExplanation | undefined {
    return this.unified().explainLink(personId, accountId);
  }

  private unified(): UnifiedGraph {
    return (this.cached ??= unify(this.state));
  }

  private store(part: BatchPart, record: unknown): void {
    const s = this.state;
    switch (part) {
      case "persons": {
        const r = record as PersonSourceRecord;
        const identities = this.identitiesOf(r, r.person.email);
        s.persons.push({ record: r, fields: r.person, ...identities });
        s.personIndex.add(r.key, identities.identities);
        return;
      }
      case "accounts": {
        const r = record as AccountSourceRecord;
        const identities = this.identitiesOf(r, undefined);
        s.accounts.push({ record: r, fields: r.account, ...identities });
        s.accountIndex.add(r.key, identities.identities);
        return;
      }
      case "events":
        s.events.add(record as EventSourceRecord);
        return;
      default:
        (s[part] as unknown[]).push(record);
    }
  }

  /** Normalizes a record's identities (emails trimmed and lower-cased) and sets aside blocked and over-long values. */
  private identitiesOf(r: PersonSourceRecord | AccountSourceRecord, email: string | null | undefined): Pick<StoredEntityRecord, "identities" | "ignored"> {
    const identities: IdentityRef[] = [];
    const ignored: IdentityRef[] = [];
    const candidates = [...(r.identities ?? [])];
    if (typeof email === "string") candidates.push({ namespace: EMAIL_NAMESPACE, value: email });
    for (const ref of candidates) {
      const value = ref.namespace === EMAIL_NAMESPACE ? (normalizeEmail(ref.value) ?? ref.value.trim().toLowerCase()) : ref.value.trim();
      const normalized = { namespace: ref.namespace, value };
      const wellFormed = ref.namespace !== EMAIL_NAMESPACE || normalizeEmail(ref.value) !== undefined;
      if (!wellFormed || value.length > this.config.maxValueLength || isBlockedValue(value, this.config.blockedValues)) {
        ignored.push(normalized);
        this.state.blocked[ref.namespace] = (this.state.blocked[ref.namespace] ?? 0) + 1;
      } else identities.push(normalized);
    }
    return { identities, ignored };
  }

  private declareTable(input: unknown, index: number, problems: IdentityProblem[]): void {
    const parsed = RelatedTableDefinitionSchema.safeParse(input);
    if (!parsed.success) {
      for (const p of problemsFromZod(parsed.error)) problems.push({ ...p, part: "relatedTables", index, severity: "error" });
      return;
    }
    const def = parsed.data;
    const before = this.state.relatedTables.get(def.name);
    if (before === undefined) this.state.relatedTables.set(def.name, def);
    else if (JSON.stringify(before) !== JSON.stringify(def)) {
      // conflicting declarations: keep the smaller text, so the outcome does not depend on order
      const keep = JSON.stringify(before) < JSON.stringify(def) ? before : def;
      this.state.relatedTables.set(def.name, keep);
      problems.push({
        part: "relatedTables",
        path: [def.name],
        severity: "warning",
        code: "conflicting_table",
        message: `related table ${def.name} is declared twice, differently; kept one declaration`,
      });
    }
  }

  private declare(kind: string, defs: FieldDefinitions, problems: IdentityProblem[]): void {
    // no prototype: a field may be named `constructor` or `__proto__`
    const known = (this.state.fields[kind as EntityKind] ??= Object.create(null) as FieldDefinitions);
    for (const [name, def] of Object.entries(defs)) {
      const before = known[name];
      if (before === undefined) known[name] = def;
      else if (JSON.stringify(before) !== JSON.stringify(def)) {
        // conflicting declarations: keep the smaller text, so the outcome does not depend on order
        const keep: FieldDefinition = JSON.stringify(before) < JSON.stringify(def) ? before : def;
        known[name] = keep;
        problems.push({
          part: "fields",
          path: [kind, name],
          severity: "warning",
          code: "conflicting_field",
          message: `field ${kind}.${name} is declared with two types; kept ${keep.type}`,
        });
      }
    }
  }
}
