import { normalizeDuns, registrableDomain } from "../domain.js";
import type { EntityKind } from "../entity-fields.js";
import type {
  Account,
  AccountPersonRelation,
  ActivityEvent,
  Campaign,
  CampaignMember,
  ConsentState,
  Opportunity,
  OpportunityPersonRole,
  Person,
  RelatedRow,
} from "../schemas/index.js";
import { formatSourceKey, type SourceKey } from "../source-key.js";
import type { AttributeValue, FieldDefinitions } from "../values.js";
import type { RelatedTableDefinition } from "../schemas/related-table.js";
import { cmp, type ClusterIndex } from "./cluster-index.js";
import { isFreeMailDomain } from "./free-mail-domains.js";
import type { EntityIdentityConfig, IdentityConfig } from "./identity-config.js";
import type { IdentityProblem } from "./identity-problem.js";
import type {
  AccountSourceRecord,
  CampaignMemberSourceRecord,
  EventSourceRecord,
  LinkSourceRecord,
  OpportunityRoleSourceRecord,
  OpportunitySourceRecord,
  PersonSourceRecord,
  RecordOrigin,
  RelatedSourceRecord,
} from "./identity-records.js";
import { DOMAIN_NAMESPACE, DUNS_NAMESPACE, EMAIL_NAMESPACE, type IdentityRef } from "./identity-ref.js";
import { mergeCandidateValues, mergeConsent, mergeSourceKeys, type MergeCandidate } from "./merge-values.js";
import type { EventColumns } from "../snapshot/event-columns.js";
import { growInt32 } from "../snapshot/growable.js";
import { EventStore } from "./event-store.js";
import { normalizeEmail } from "./normalize-email.js";
import type { EntityExplanation, IdentityReport, LinkEvidence, LinkExplanation, UnifiedEntities } from "./unified-entities.js";

/** A stored person or account source record with its normalized identities. */
export interface StoredEntityRecord<R = PersonSourceRecord | AccountSourceRecord> {
  readonly record: R;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly identities: readonly IdentityRef[];
  readonly ignored: readonly IdentityRef[];
}

/** Everything an identity graph has been given. */
export interface GraphState {
  readonly config: IdentityConfig;
  readonly persons: StoredEntityRecord<PersonSourceRecord>[];
  readonly accounts: StoredEntityRecord<AccountSourceRecord>[];
  readonly personIndex: ClusterIndex;
  readonly accountIndex: ClusterIndex;
  readonly links: LinkSourceRecord[];
  readonly opportunities: OpportunitySourceRecord[];
  readonly opportunityRoles: OpportunityRoleSourceRecord[];
  readonly campaigns: Campaign[];
  readonly campaignMembers: CampaignMemberSourceRecord[];
  readonly events: EventStore;
  readonly related: RelatedSourceRecord[];
  readonly fields: Partial<Record<EntityKind, FieldDefinitions>>;
  /** Related tables the readers declared, by name. */
  readonly relatedTables: Map<string, RelatedTableDefinition>;
  readonly problems: IdentityProblem[];
  readonly blocked: Record<string, number>;
}

/** The unified view of a graph state, with lookups for explanations. */
export interface UnifiedGraph {
  readonly entities: UnifiedEntities;
  /** Visits every unified event once, in no particular order, without building a list (properties are shared: do not change them). */
  forEachEvent(visit: (event: ActivityEvent) => void): void;
  /**
   * Visits the same events in the same order as `forEachEvent`: runs of rows
   * of the event store as columns, and between them, one by one, the events
   * chosen among records of one id.
   */
  forEachEventRun(visitRows: (columns: EventColumns, rows: Int32Array) => void, visit: (event: ActivityEvent) => void): void;
  readonly report: IdentityReport;
  personIdOf(ref: IdentityRef): string | undefined;
  accountIdOf(ref: IdentityRef): string | undefined;
  explainPerson(id: string): EntityExplanation | undefined;
  explainAccount(id: string): EntityExplanation | undefined;
  explainLink(personId: string, accountId: string): LinkExplanation | undefined;
}

interface Clustering {
  /** Unified id of each record. */
  readonly idOfRecord: string[];
  /** Records of each unified id, ascending. */
  readonly recordsOf: Map<string, number[]>;
}

function rankIn(list: readonly string[], item: string): number {
  const i = list.indexOf(item);
  return i >= 0 ? i : list.length;
}

function entityId(config: EntityIdentityConfig, ref: IdentityRef): string {
  return config.rawIdNamespaces.includes(ref.namespace) ? ref.value : `${ref.namespace}:${ref.value}`;
}

/**
 * Groups records into unified entities; the id is the own key of the member first by `idPriority`, then smallest.
 * A raw id (a namespace in `rawIdNamespaces`) shared by two groups from different namespaces (lead `2`
 * and contact `2`) would make one entity of two: those groups keep their namespace in the id instead
 * (`salesforce.lead:2`), and each such id is listed in `collisions`.
 */
function cluster(records: readonly StoredEntityRecord[], index: ClusterIndex, config: EntityIdentityConfig): Clustering & { collisions: string[] } {
  const idOfRecord: string[] = new Array<string>(records.length);
  const recordsOf = new Map<string, number[]>();
  const groups: { group: number[]; best: IdentityRef }[] = [];
  const groupsPerId = new Map<string, number>();
  for (const group of index.components()) {
    const best = group
      .map((r) => records[r]!.record.key)
      .sort(
        (a, b) => rankIn(config.idPriority, a.namespace) - rankIn(config.idPriority, b.namespace) || cmp(a.namespace, b.namespace) || cmp(a.value, b.value),
      )[0]!;
    groups.push({ group, best });
    const id = entityId(config, best);
    groupsPerId.set(id, (groupsPerId.get(id) ?? 0) + 1);
  }
  const collisions = new Set<string>();
  for (const { group, best } of groups) {
    let id = entityId(config, best);
    if (groupsPerId.get(id)! > 1) {
      collisions.add(id);
      id = `${best.namespace}:${best.value}`;
    }
    for (const r of group) idOfRecord[r] = id;
    recordsOf.set(id, group);
  }
  return { idOfRecord, recordsOf, collisions: [...collisions].sort(cmp) };
}

function candidateOf(stored: StoredEntityRecord): MergeCandidate {
  const {
    attributes,
    consent: _consent,
    ...fields
  } = stored.fields as Record<string, unknown> & { attributes?: Record<string, AttributeValue>; consent?: unknown };
  let fingerprint: string | undefined;
  return {
    sourceKey: stored.record.sourceKey,
    namespace: stored.record.key.namespace,
    value: stored.record.key.value,
    updatedAt: fields.updatedAt as string | null | undefined,
    fields,
    attributes,
    // only needed to break a tie between copies of one record: computed on first use
    get fingerprint() {
      return (fingerprint ??= JSON.stringify(stored.record));
    },
  };
}

const byText =
  <T>(text: (x: T) => string) =>
  (a: T, b: T) =>
    cmp(text(a), text(b));

/** Computes the unified entities, the report and the explanation lookups of a graph state. */
export function unify(state: GraphState): UnifiedGraph {
  const { config } = state;
  const problems: IdentityProblem[] = [...state.problems];
  const personClusters = cluster(state.persons, state.personIndex, config.persons);
  const accountClusters = cluster(state.accounts, state.accountIndex, config.accounts);
  for (const [part, clustering] of [
    ["persons", personClusters],
    ["accounts", accountClusters],
  ] as const) {
    for (const id of clustering.collisions) {
      problems.push({
        part,
        path: [part],
        severity: "warning",
        code: "id_collision",
        message: `records of different namespaces share the id ${JSON.stringify(id)}: their unified ids keep the namespace (<namespace>:${id})`,
      });
    }
  }

  // ---- unified accounts and persons ----
  const accounts: Account[] = [];
  const accountDomains = new Map<string, Set<string>>();
  const accountDuns = new Map<string, Set<string>>();
  const addTo = (map: Map<string, Set<string>>, key: string | undefined, id: string) => {
    if (key === undefined) return;
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(id);
  };
  for (const [id, members] of accountClusters.recordsOf) {
    const stored = members.map((r) => state.accounts[r]!);
    const { fields, attributes } = mergeCandidateValues(stored.map(candidateOf), config.accounts);
    const account = { id, ...fields, sourceKeys: mergeSourceKeys(stored.map((s) => s.record.sourceKey)) } as Account;
    if (Object.keys(attributes).length > 0) account.attributes = attributes;
    accounts.push(account);
    for (const s of stored) {
      addTo(accountDomains, registrableDomain(s.record.account.domain), id);
      addTo(accountDuns, normalizeDuns(s.record.account.duns), id);
    }
  }
  accounts.sort(byText((a) => a.id));

  const persons: Person[] = [];
  const emailsOf = new Map<string, string[]>();
  for (const [id, members] of personClusters.recordsOf) {
    const stored = members.map((r) => state.persons[r]!);
    const { fields, attributes } = mergeCandidateValues(stored.map(candidateOf), config.persons);
    const person = { id, ...fields, sourceKeys: mergeSourceKeys(stored.map((s) => s.record.sourceKey)) } as Person;
    const consent = mergeConsent(stored.map((s) => s.record.person.consent as Record<string, ConsentState> | undefined));
    if (Object.keys(consent).length > 0) person.consent = consent;
    if (Object.keys(attributes).length > 0) person.attributes = attributes;
    persons.push(person);
    const emails = new Set<string>();
    for (const s of stored) for (const ref of s.identities) if (ref.namespace === EMAIL_NAMESPACE) emails.add(ref.value);
    emailsOf.set(id, [...emails].sort(cmp));
  }
  persons.sort(byText((p) => p.id));

  // ---- reference resolution ----
  const resolveIn = (index: ClusterIndex, clustering: Clustering, ref: IdentityRef): string[] => {
    const value = ref.namespace === EMAIL_NAMESPACE ? (normalizeEmail(ref.value) ?? ref.value) : ref.value.trim();
    const ids = new Set(index.recordsWith({ namespace: ref.namespace, value }).map((r) => clustering.idOfRecord[r]!));
    return [...ids].sort(cmp);
  };
  const personIdsOf = (ref: IdentityRef) => resolveIn(state.personIndex, personClusters, ref);
  const accountIdsOf = (ref: IdentityRef): string[] => {
    if (ref.namespace === DOMAIN_NAMESPACE) return [...(accountDomains.get(registrableDomain(ref.value) ?? "") ?? [])].sort(cmp);
    if (ref.namespace === DUNS_NAMESPACE) return [...(accountDuns.get(normalizeDuns(ref.value) ?? "") ?? [])].sort(cmp);
    return resolveIn(state.accountIndex, accountClusters, ref);
  };
  const one = (
    ids: string[],
    what: "person" | "account",
    ref: IdentityRef,
    part: string,
    origin: RecordOrigin | undefined,
    severity: "error" | "warning" = "error",
  ): string | undefined => {
    if (ids.length === 1) return ids[0];
    const message =
      ids.length === 0
        ? `${what} ${ref.namespace} ${JSON.stringify(ref.value)} is not among the ${what}s`
        : `${what} ${ref.namespace} ${JSON.stringify(ref.value)} matches ${ids.length} ${what}s`;
    problems.push({ part, path: [what], message, code: ids.length === 0 ? "unresolved_reference" : "ambiguous_reference", severity, origin });
    return undefined;
  };

  // ---- links ----
  const links: AccountPersonRelation[] = [];
  const evidence = new Map<string, LinkEvidence[]>();
  const linksByRule: Record<string, number> = {};
  const note = (accountId: string, personId: string, e: LinkEvidence) => {
    const key = `${accountId}\u0000${personId}`;
    const list = evidence.get(key);
    if (list) list.push(e);
    else evidence.set(key, [e]);
    linksByRule[e.rule] = (linksByRule[e.rule] ?? 0) + 1;
  };
  for (const l of state.links) {
    const personId = one(personIdsOf(l.person), "person", l.person, "links", l.origin);
    const accountId = one(accountIdsOf(l.account), "account", l.account, "links", l.origin);
    if (personId === undefined || accountId === undefined) continue;
    const { person: _p, account: _a, rule, origin, sourceKey, ...rest } = l;
    links.push({ ...rest, accountId, personId, reason: rule, ...(sourceKey ? { sourceKeys: [sourceKey] } : {}) });
    note(accountId, personId, { rule, sourceKey, origin, isActive: l.isActive ?? true });
  }
  if (config.linkByEmailDomain) {
    const extraFreeMail = new Set(config.extraFreeMailDomains.map((d) => d.toLowerCase()));
    for (const [personId, emails] of emailsOf) {
      const domains = new Set<string>();
      for (const email of emails) {
        const domain = registrableDomain(email);
        if (domain !== undefined && !isFreeMailDomain(domain, extraFreeMail)) domains.add(domain);
      }
      for (const domain of [...domains].sort(cmp)) {
        const matches = [...(accountDomains.get(domain) ?? [])].sort(cmp);
        if (matches.length === 0) continue;
        if (matches.length > config.maxAccountsPerEmailDomain) {
          problems.push({
            part: "links",
            path: ["emailDomain"],
            severity: "warning",
            code: "ambiguous_domain",
            message: `email domain ${domain} matches ${matches.length} accounts; person ${personId} was not linked by domain`,
          });
          continue;
        }
        for (const accountId of matches) {
          links.push({ accountId, personId, reason: "emailDomain", isDirect: false });
          note(accountId, personId, { rule: "emailDomain", domain, isActive: true });
        }
      }
    }
  }
  links.sort(
    (a, b) => cmp(a.accountId, b.accountId) || cmp(a.personId, b.personId) || cmp(a.reason ?? "", b.reason ?? "") || cmp(JSON.stringify(a), JSON.stringify(b)),
  );

  // ---- records keyed by their own id: keep the best copy (source precedence), unite source keys ----
  const systemRank = (keys: readonly SourceKey[] | undefined) => rankIn(config.accounts.sourcePrecedence, keys?.[0]?.system ?? "");
  function dedupe<T extends { id: string; sourceKeys?: SourceKey[] | undefined }>(items: readonly T[]): T[] {
    const byId = new Map<string, T[]>();
    for (const item of items) {
      const list = byId.get(item.id);
      if (list) list.push(item);
      else byId.set(item.id, [item]);
    }
    const out: T[] = [];
    for (const [, copies] of byId) {
      const sorted = [...copies].sort((a, b) => systemRank(a.sourceKeys) - systemRank(b.sourceKeys) || cmp(JSON.stringify(a), JSON.stringify(b)));
      const best = { ...sorted[0]! };
      const keys = mergeSourceKeys(copies.flatMap((c) => c.sourceKeys ?? []));
      if (keys.length > 0) best.sourceKeys = keys;
      out.push(best);
    }
    return out.sort(byText((x) => x.id));
  }

  const opportunities = dedupe(
    state.opportunities.map((o) => {
      const accountId = o.account ? one(accountIdsOf(o.account), "account", o.account, "opportunities", o.origin, "warning") : undefined;
      return { ...o.opportunity, ...(accountId ? { accountId } : {}) } as Opportunity;
    }),
  );
  const campaigns = dedupe(state.campaigns);

  const opportunityRoles: OpportunityPersonRole[] = [];
  for (const r of state.opportunityRoles) {
    const personId = one(personIdsOf(r.person), "person", r.person, "opportunityRoles", r.origin);
    if (personId !== undefined) opportunityRoles.push({ ...r.role, personId });
  }
  opportunityRoles.sort((a, b) => cmp(a.opportunityId, b.opportunityId) || cmp(a.personId, b.personId) || cmp(JSON.stringify(a), JSON.stringify(b)));

  const campaignMembers: CampaignMember[] = [];
  for (const m of state.campaignMembers) {
    const personId = one(personIdsOf(m.person), "person", m.person, "campaignMembers", m.origin);
    if (personId !== undefined) campaignMembers.push({ ...m.member, personId });
  }
  campaignMembers.sort((a, b) => cmp(a.campaignId, b.campaignId) || cmp(a.personId, b.personId) || cmp(JSON.stringify(a), JSON.stringify(b)));

  const unifiedEvents = unifyEvents(state.events, personIdsOf, accountIdsOf, one);

  const related: Record<string, RelatedRow[]> = {};
  for (const r of state.related) {
    let row = r.row;
    if (r.owner) {
      const isAccount = r.ownerKind !== "person";
      const ids = isAccount ? accountIdsOf(r.owner) : personIdsOf(r.owner);
      const id = one(ids, isAccount ? "account" : "person", r.owner, `related:${r.table}`, r.origin);
      if (id === undefined) continue;
      row = { ...row, key: id };
    }
    (related[r.table] ??= []).push(row);
  }
  for (const rows of Object.values(related)) rows.sort((a, b) => cmp(a.key, b.key) || cmp(a.id ?? "", b.id ?? "") || cmp(JSON.stringify(a), JSON.stringify(b)));

  // ---- report and explanations ----
  const overCapValues = [
    ...state.personIndex.overCapValues().map((v) => ({ ...v, kind: "person" as const })),
    ...state.accountIndex.overCapValues().map((v) => ({ ...v, kind: "account" as const })),
  ];
  const report: IdentityReport = {
    sourceRecords: { persons: state.persons.length, accounts: state.accounts.length },
    unified: { persons: persons.length, accounts: accounts.length },
    linksByRule: Object.fromEntries(Object.entries(linksByRule).sort(([a], [b]) => cmp(a, b))),
    overCapValues,
    blockedValues: { ...state.blocked },
    problems,
  };

  const explain = (records: readonly StoredEntityRecord[], index: ClusterIndex, clustering: Clustering, id: string): EntityExplanation | undefined => {
    const members = clustering.recordsOf.get(id);
    if (!members) return undefined;
    const overCap = new Set(index.overCapValues().map((v) => `${v.namespace}\u001f${v.value}`));
    const ignored = new Map<string, { namespace: string; value: string; reason: "blocked" | "overCap" }>();
    for (const r of members) {
      for (const ref of records[r]!.ignored) ignored.set(`${ref.namespace}\u001f${ref.value}`, { ...ref, reason: "blocked" });
      for (const ref of records[r]!.identities) {
        const key = `${ref.namespace}\u001f${ref.value}`;
        if (overCap.has(key)) ignored.set(key, { ...ref, reason: "overCap" });
      }
    }
    const keyOf = (r: number) => records[r]!.record.sourceKey;
    return {
      id,
      records: members
        .map((r) => ({ sourceKey: keyOf(r), key: records[r]!.record.key, ...(records[r]!.record.origin ? { origin: records[r]!.record.origin } : {}) }))
        .sort(byText((x) => formatSourceKey(x.sourceKey) + JSON.stringify(x.origin ?? {}))),
      merges: index
        .mergesAmong(members, (r) => records[r]!.identities)
        .map((m) => ({ rule: m.rule, value: m.value, records: mergeSourceKeys(m.records.map(keyOf)) })),
      ignoredIdentities: [...ignored.values()].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.value, b.value)),
    };
  };

  let events: ActivityEvent[] | undefined;
  return {
    entities: {
      accounts,
      persons,
      links,
      opportunities,
      opportunityRoles,
      campaigns,
      campaignMembers,
      // built on first use: toSnapshot visits the events without this list
      get events() {
        if (events === undefined) {
          const list: ActivityEvent[] = [];
          unifiedEvents.forEach((e) => list.push({ ...e, ...(e.properties ? { properties: { ...e.properties } } : {}) }));
          events = list.sort((a, b) => cmp(a.occurredAt, b.occurredAt) || cmp(a.id, b.id));
        }
        return events;
      },
      related,
      fields: state.fields,
      relatedTables: [...state.relatedTables.values()].sort((a, b) => cmp(a.name, b.name)),
    },
    forEachEvent: unifiedEvents.forEach,
    forEachEventRun: unifiedEvents.forEachRun,
    report,
    personIdOf: (ref) => {
      const ids = personIdsOf(ref);
      return ids.length === 1 ? ids[0] : undefined;
    },
    accountIdOf: (ref) => {
      const ids = accountIdsOf(ref);
      return ids.length === 1 ? ids[0] : undefined;
    },
    explainPerson: (id) => explain(state.persons, state.personIndex, personClusters, id),
    explainAccount: (id) => explain(state.accounts, state.accountIndex, accountClusters, id),
    explainLink: (personId, accountId) => {
      const list = evidence.get(`${accountId}\u0000${personId}`);
      if (!list) return undefined;
      const sorted = [...list].sort(
        (a, b) => cmp(a.rule, b.rule) || cmp(a.sourceKey ? formatSourceKey(a.sourceKey) : "", b.sourceKey ? formatSourceKey(b.sourceKey) : ""),
      );
      return { personId, accountId, evidence: sorted };
    },
  };
}

type Resolve = (ref: IdentityRef) => string[];
type One = (ids: string[], what: "person" | "account", ref: IdentityRef, part: string, origin: RecordOrigin | undefined) => string | undefined;

/**
 * Re-points the stored events to unified ids: each distinct owner identity is
 * resolved once; an event whose owner does not resolve to exactly one entity
 * is reported and left out. Of several records with one event id, the one with
 * the smallest JSON text (after re-pointing) is kept.
 */
function unifyEvents(store: EventStore, personIdsOf: Resolve, accountIdsOf: Resolve, one: One) {
  const personIds = new Array<string[] | undefined>(store.ownerCount);
  const accountIds = new Array<string[] | undefined>(store.ownerCount);
  const idsOf = (code: number, isAccount: boolean): string[] => {
    const cache = isAccount ? accountIds : personIds;
    return (cache[code] ??= (isAccount ? accountIdsOf : personIdsOf)(store.ownerRef(code)));
  };
  const resolve = (e: EventSourceRecord): ActivityEvent | undefined => {
    const personId = e.person ? one(personIdsOf(e.person), "person", e.person, "events", e.origin) : undefined;
    const accountId = e.account ? one(accountIdsOf(e.account), "account", e.account, "events", e.origin) : undefined;
    if (personId === undefined && accountId === undefined) return undefined;
    return { ...e.event, ...(personId ? { personId } : { accountId }) } as ActivityEvent;
  };
  // events of an id given more than once: the copy with the smallest JSON wins
  const replaced = new Map<number, ActivityEvent | undefined>();
  for (const [id, copies] of store.copies) {
    const row = store.rowOf(id);
    let best: ActivityEvent | undefined;
    for (const record of [store.record(row), ...copies]) {
      const event = resolve(record);
      if (event !== undefined && (best === undefined || cmp(JSON.stringify(event), JSON.stringify(best)) < 0)) best = event;
    }
    replaced.set(row, best);
  }
  // per row, a code into `owners` (the unified owner id), -1: left out; each distinct owner identity gets one code
  const ownerCodes = new Int32Array(store.size);
  const owners: string[] = [];
  const NOT_YET = -2;
  const AMBIGUOUS = -3;
  const personCodes = new Int32Array(store.ownerCount).fill(NOT_YET);
  const accountCodes = new Int32Array(store.ownerCount).fill(NOT_YET);
  for (let row = 0; row < store.size; row++) {
    if (replaced.has(row)) {
      ownerCodes[row] = -1;
      continue;
    }
    const code = store.ownerCode(row);
    const isAccount = store.ownerIsAccountAt(row);
    const codes = isAccount ? accountCodes : personCodes;
    let owner = codes[code]!;
    if (owner === NOT_YET) {
      const ids = idsOf(code, isAccount);
      owner = codes[code] = ids.length === 1 ? owners.push(ids[0]!) - 1 : AMBIGUOUS;
    }
    if (owner === AMBIGUOUS) {
      // reported per event, as each event is left out or given to one of the owners
      const id = one(idsOf(code, isAccount), isAccount ? "account" : "person", store.ownerRef(code), "events", store.origin(row));
      owner = id === undefined ? -1 : owners.push(id) - 1;
    }
    ownerCodes[row] = owner;
  }
  const eventOf = (row: number): ActivityEvent => {
    const owner = owners[ownerCodes[row]!]!;
    const properties = store.properties(row);
    const sourceKeys = store.sourceKeys(row);
    const event: ActivityEvent = { id: store.id(row), type: store.type(row), occurredAt: store.occurredAtOf(row) };
    if (properties !== undefined) event.properties = properties;
    if (sourceKeys !== undefined) event.sourceKeys = sourceKeys;
    if (store.ownerIsAccountAt(row)) event.accountId = owner;
    else event.personId = owner;
    return event;
  };
  return {
    forEach(visit: (event: ActivityEvent) => void): void {
      for (let row = 0; row < store.size; row++) {
        if (replaced.has(row)) {
          const event = replaced.get(row);
          if (event !== undefined) visit(event);
        } else if (ownerCodes[row]! >= 0) visit(eventOf(row));
      }
    },
    forEachRun(visitRows: (columns: EventColumns, rows: Int32Array) => void, visit: (event: ActivityEvent) => void): void {
      const columns: EventColumns = { ...store.columns(), ownerCodes, owners, event: eventOf };
      const run = growInt32();
      const flush = () => {
        if (run.length > 0) visitRows(columns, run.view());
        run.length = 0;
      };
      for (let row = 0; row < store.size; row++) {
        if (replaced.has(row)) {
          const event = replaced.get(row);
          if (event === undefined) continue;
          flush();
          visit(event);
        } else if (ownerCodes[row]! >= 0) run.push(row);
      }
      flush();
    },
  };
}
