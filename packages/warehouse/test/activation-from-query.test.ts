import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSnapshot, toSnapshot, type FieldDefinitions, type Snapshot } from "@abm-kit/core";
import { audience, attr, evaluate, evaluateCompositions, type Audience } from "@abm-kit/audience";
import { compileAudienceSql, compileCompositionSql, snapshotLayout as snapshotLayoutOf } from "@abm-kit/audience-sql";
import {
  activate,
  ActivationError,
  localFolderDestination,
  MemberSourceError,
  MemoryStateStore,
  sqlMemberSource,
  type ActivationPlanInput,
  type AudienceMembership,
  type CompiledAudienceQuery,
  type RunReport,
} from "@abm-kit/destinations";
import { loadSampleGraph, SAMPLE_DATA_DIR, SAMPLE_NOW, SAMPLE_RELATED_TABLES } from "../../../examples/src/sample/index.js";
import {
  buyingCommittees,
  competitiveDisplacement,
  customers,
  icpMinusSuppression,
  idealCustomerProfile,
  marketingLeaders,
  seedAudiences,
  seedCompositions,
} from "../../../examples/src/audiences/index.js";
import { API_KEY, MemoryService, memoryDestination } from "../../destinations/test/fixtures/memory-destination.js";
import { duckdbDb, postgresDb, type ActivationDb } from "./activation-engines.js";

/** Declared labels: governance drops the `RESTRICTED` fields on both paths (the SQL source is given the same declarations). */
const FIELDS: { person: FieldDefinitions; account: FieldDefinitions } = {
  person: { phone: { type: "string", labels: ["I1", "RESTRICTED"] } },
  account: { Fax: { type: "string", labels: ["RESTRICTED"] } },
};
const reachable: Audience = audience.person("reachable", "People with an email").where(attr.text("email").exists());
const REFERENCED = [...seedAudiences, reachable];

/** A plan audience of the scenario: its members in memory, and its compiled query. */
interface ScenarioAudience {
  readonly id: string;
  readonly name: string;
  readonly type: "account" | "person";
  members(snapshot: Snapshot, now: string): readonly string[];
  compile(dialect: "duckdb" | "postgres", snapshot: Snapshot, now: string): CompiledAudienceQuery;
}
const fromAudience = (a: Audience): ScenarioAudience => ({
  id: a.id,
  name: a.name,
  type: a.type,
  members: (snapshot, now) => evaluate(a, snapshot, { now, audiences: REFERENCED }).memberIds,
  compile: (dialect, snapshot, now) => compileAudienceSql(a, { dialect, now, snapshot, audiences: REFERENCED }),
});
/** A seed composition (ICP minus suppression, an exclude over two audiences), compiled with `compileCompositionSql`. */
const composition: ScenarioAudience = {
  id: icpMinusSuppression.id,
  name: icpMinusSuppression.name,
  type: "account",
  members: (snapshot, now) =>
    evaluateCompositions(seedCompositions, snapshot, { now, audiences: REFERENCED }).find((r) => r.audienceId === icpMinusSuppression.id)!.memberIds,
  compile: (dialect, snapshot, now) =>
    compileCompositionSql(icpMinusSuppression, { dialect, now, snapshot, audiences: REFERENCED, compositions: seedCompositions }).outputs[0]!,
};
const AUDIENCES: readonly ScenarioAudience[] = [
  ...[marketingLeaders, buyingCommittees, reachable, idealCustomerProfile, competitiveDisplacement, customers].map(fromAudience),
  composition,
];

const planFor = (path: string, source: "snapshot" | "sql"): ActivationPlanInput => ({
  id: "warehouse-activation",
  destination: { id: "local-folder", settings: { path, format: "csv" } },
  audiences: AUDIENCES.map((a) => ({ audienceId: a.id, ...(source === "sql" ? { source: "sql" as const } : {}) })),
  mapping: {
    person: [
      { source: "id", target: "person_id" },
      { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
      { source: "person.title", target: "title", transforms: ["trim", "lowercase"] },
      { source: "person.phone", target: "phone" },
      { source: "person.createdAt", target: "created_at" },
      { source: "person.leadScore", target: "lead_score" },
      { source: "person.adOptOut", target: "ad_opt_out" },
      { source: "person.noSuchField", target: "missing" },
      { source: "account.id", target: "account_id" },
      { source: "account.name", target: "company" },
      { source: "account.domain", target: "company_domain", transforms: ["domain"] },
      { source: "account.Segments__c", target: "segments", transforms: ["join"] },
      { source: "account.Contract_Renewal__c", target: "renewal" },
      { value: "abm-kit", target: "origin" },
    ],
    account: [
      { source: "account.id", target: "account_id" },
      { source: "account.name", target: "name", transforms: ["uppercase"] },
      { source: "account.domain", target: "domain", transforms: ["domain"] },
      { source: "account.employeeCount", target: "employees" },
      { source: "account.Segments__c", target: "segments" },
      { source: "account.Contract_Renewal__c", target: "renewal" },
      { source: "account.createdAt", target: "created_at" },
      { source: "account.Fax", target: "fax" },
      { source: "person.title", target: "no_single_value" },
    ],
  },
  exclusions: { memberIds: ["001Sa0000000003IAA"] },
  consent: { channel: "advertising" },
  governance: { policies: [{ id: "restricted", name: "Restricted data stays in", deny: { labels: ["RESTRICTED"], actions: ["exportToThirdParty"] } }] },
});

/** The sample with a few edits: a changed email, a changed title and an ad opt-out, a contact gone, an account renamed. */
async function editedSampleFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "abm-wh-sample-"));
  await cp(SAMPLE_DATA_DIR, folder, { recursive: true });
  const contacts = join(folder, "salesforce", "Contact.csv");
  const lines = (await readFile(contacts, "utf8")).split("\r\n");
  lines[1] = lines[1]!.replace("chloe.silva@acme-analytics.com", "chloe@acme.example");
  lines[2] = lines[2]!.replace(",CMO,", ",Chief Marketing Officer,").replace(/,false$/, ",true");
  lines.splice(5, 1);
  await writeFile(contacts, lines.join("\r\n"));
  const accounts = join(folder, "salesforce", "Account.csv");
  await writeFile(accounts, (await readFile(accounts, "utf8")).replace(",Acme Analytics,", ",Acme Analytics Group,"));
  return folder;
}

async function sampleSnapshot(folder?: string): Promise<Snapshot> {
  const { graph } = await loadSampleGraph(folder);
  return toSnapshot(graph, { asOf: SAMPLE_NOW, relatedTables: SAMPLE_RELATED_TABLES, fields: FIELDS });
}

/** Every file under a folder (staging excluded) with its content. */
async function filesOf(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(folder)).sort()) if (!name.startsWith(".")) out[name] = await readFile(join(folder, name), "utf8");
  return out;
}

const comparable = (report: RunReport) => ({ ...report, durationMs: 0 });

/** Both paths side by side: the same plan to two folders, one read from the Snapshot, one from the database. */
class Pair {
  readonly snapshotState = new MemoryStateStore();
  readonly sqlState = new MemoryStateStore();
  constructor(
    readonly snapshotDir: string,
    readonly sqlDir: string,
    readonly db: ActivationDb,
  ) {}

  async run(snapshot: Snapshot, now: string): Promise<{ fromSnapshot: RunReport; fromSql: RunReport }> {
    const memberships: AudienceMembership[] = AUDIENCES.map((a) => ({
      audienceId: a.id,
      audienceName: a.name,
      type: a.type,
      memberIds: [...a.members(snapshot, now)],
    }));
    const fromSnapshot = await activate(planFor(this.snapshotDir, "snapshot"), {
      destination: localFolderDestination,
      snapshot,
      audiences: memberships,
      now,
      state: this.snapshotState,
    });
    const memberSources = AUDIENCES.map((a) =>
      sqlMemberSource({
        query: a.compile(this.db.dialect, snapshot, now),
        layout: snapshotLayoutOf(snapshot),
        rows: this.db.rows,
        fields: FIELDS,
        audienceName: a.name,
      }),
    );
    const fromSql = await activate(planFor(this.sqlDir, "sql"), {
      destination: localFolderDestination,
      audiences: [],
      memberSources,
      now,
      state: this.sqlState,
    });
    return { fromSnapshot, fromSql };
  }

  async expectSameOutcome(reports: { fromSnapshot: RunReport; fromSql: RunReport }): Promise<void> {
    expect(comparable(reports.fromSql)).toEqual(comparable(reports.fromSnapshot));
    expect(await filesOf(this.sqlDir)).toEqual(await filesOf(this.snapshotDir));
    const key = "warehouse-activation/local-folder";
    const held = async (store: MemoryStateStore) => ((await store.load(key)) as { audiences: unknown }).audiences;
    expect(await held(this.sqlState)).toEqual(await held(this.snapshotState));
  }
}

const NEXT_DAY = "2026-11-21T12:00:00.000Z";

let original: Snapshot;
let edited: Snapshot;
let editedFolder: string;
beforeAll(async () => {
  editedFolder = await editedSampleFolder();
  [original, edited] = await Promise.all([sampleSnapshot(), sampleSnapshot(editedFolder)]);
}, 120_000);
afterAll(async () => {
  await rm(editedFolder, { recursive: true, force: true });
});

describe.each([
  ["duckdb", duckdbDb],
  ["postgres", postgresDb],
] as const)("activation from a compiled audience query on %s", (_name, open) => {
  let db: ActivationDb;
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), "abm-wh-act-"));
    dirs.push(dir);
    return dir;
  };
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("sends the same files, members, fields and counts as the Snapshot path; a second run sends nothing; a change gives the same delta", async () => {
    const pair = new Pair(await tempDir(), await tempDir(), db);
    await db.load(original);
    const first = await pair.run(original, SAMPLE_NOW);
    await pair.expectSameOutcome(first);
    // the scenario exercises what it claims to: consent, exclusions, governance, every audience with members
    const totals = first.fromSnapshot.totals;
    expect(totals.skipped.noConsent).toBeGreaterThan(0);
    expect(totals.skipped.excluded).toBe(1);
    expect(first.fromSnapshot.governance.droppedTargets).toEqual(["account.fax", "person.phone"]);
    for (const a of first.fromSql.audiences) expect(a.exported).toBeGreaterThan(0);
    expect(totals.exported).toBeGreaterThan(60);
    const written = Object.values(await filesOf(pair.sqlDir)).join("\n");
    expect(written).toMatch(/,[0-9a-f]{64},/); // hashed emails
    expect(written).toMatch(/,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z,/); // instants
    expect(written).toContain(",2027-07-24,"); // dates
    expect(written).toContain("Mid-Market;NA"); // multi-value fields

    const second = await pair.run(original, NEXT_DAY);
    await pair.expectSameOutcome(second);
    expect(second.fromSql.totals.exported).toBe(0);
    expect(second.fromSql.totals.removed).toBe(0);

    await db.load(edited); // the tables change: the next run reads the new ones
    const third = await pair.run(edited, "2026-11-22T12:00:00.000Z");
    await pair.expectSameOutcome(third);
    const changed = third.fromSql.audiences.reduce((n, a) => n + a.changed, 0);
    const exited = third.fromSql.audiences.reduce((n, a) => n + a.exited, 0);
    expect(changed).toBeGreaterThan(0);
    expect(exited).toBeGreaterThan(0);
    expect(third.fromSql.totals.exported).toBe(third.fromSql.audiences.reduce((n, a) => n + a.realized + a.changed, 0));
  });

  it("a crash in the middle of sending, then a resume, loses and duplicates nothing", async () => {
    await db.load(original);
    const plan = (source: "snapshot" | "sql"): ActivationPlanInput => ({
      id: "crash",
      destination: { id: "memory", settings: { apiKey: API_KEY } },
      audiences: [{ audienceId: reachable.id, ...(source === "sql" ? { source: "sql" as const } : {}) }],
      mapping: {
        person: [
          { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
          { source: "person.title", target: "title" },
        ],
      },
      consent: { channel: "advertising" },
    });
    const memberIds = evaluate(reachable, original, { now: SAMPLE_NOW }).memberIds;
    const expected = new MemoryService();
    await activate(plan("snapshot"), {
      destination: memoryDestination(expected),
      snapshot: original,
      audiences: [{ audienceId: reachable.id, type: "person", memberIds }],
      now: SAMPLE_NOW,
      state: new MemoryStateStore(),
      sleep: async () => {},
    });
    const sources = () => [
      sqlMemberSource({
        query: compileAudienceSql(reachable, { dialect: db.dialect, now: SAMPLE_NOW, snapshot: original }),
        layout: snapshotLayoutOf(original),
        rows: db.rows,
      }),
    ];
    const limits = { maxBatchSize: 7, maxConcurrency: 2 };
    for (const crashAt of [1, 4, 9])
      for (const afterApply of [false, true]) {
        const service = new MemoryService();
        const state = new MemoryStateStore();
        const crash = (_batch: unknown, n: number) => {
          if (n === crashAt) throw new Error("process died");
        };
        const options = { audiences: [], now: SAMPLE_NOW, state, sleep: async () => {} };
        const crashed = await activate(plan("sql"), {
          ...options,
          destination: memoryDestination(service, afterApply ? { afterApply: crash } : { beforeApply: crash }, limits),
          memberSources: sources(),
        }).catch((e: unknown) => e);
        expect(crashed).toBeInstanceOf(ActivationError);
        const resumed = await activate(plan("sql"), { ...options, destination: memoryDestination(service, {}, limits), memberSources: sources() });
        expect(resumed.failureCount).toBe(0);
        expect(service.membersOf("ext-reachable")).toEqual(expected.membersOf("ext-reachable")); // nobody lost, nobody extra
        const sent = new Map<string, number>();
        for (const id of service.addsSent) sent.set(id, (sent.get(id) ?? 0) + 1);
        const again = [...sent.values()].filter((n) => n > 1).length;
        expect(again).toBeLessThanOrEqual(limits.maxBatchSize * limits.maxConcurrency); // only batches in flight go out again, under their keys
        const third = await activate(plan("sql"), { ...options, destination: memoryDestination(service, {}, limits), memberSources: sources() });
        expect(third.totals.exported + third.totals.removed).toBe(0);
      }
    expect(expected.membersOf("ext-reachable").length).toBeGreaterThan(30);
  });

  it("reads a person's first active account, missing values and consent as the Snapshot does", async () => {
    const crafted = buildSnapshot(
      {
        accounts: [
          { id: "a1", name: "First", domain: "first.example", employeeCount: 10 },
          { id: "a2", name: "Second", domain: "https://www.second.example/x" },
          { id: "a3", name: "Third" },
          { id: "\u00e9t\u00e9", name: "Accented" },
        ],
        persons: [
          { id: "p1", email: " P1@Example.com ", title: "CMO", consent: { email: "granted" } },
          { id: "p2", email: "p2@example.com", consent: { email: "denied" } },
          { id: "p3", email: "not-an-email" },
          { id: "p4", email: "p4@example.com", title: "  VP  ", consent: { email: "granted" } },
          { id: "p\u00e9", email: "pe@example.com", consent: { email: "granted" } },
        ],
        links: [
          { accountId: "a1", personId: "p1", isActive: false },
          { accountId: "a3", personId: "p1" },
          { accountId: "a2", personId: "p1" },
          { accountId: "a3", personId: "p4" },
          { accountId: "a1", personId: "p4" },
          { accountId: "\u00e9t\u00e9", personId: "p\u00e9" },
          { accountId: "a2", personId: "p\u00e9" },
        ],
      },
      { asOf: SAMPLE_NOW },
    );
    await db.load(crafted);
    const everyone = audience.person("everyone", "Everyone").where(attr.text("email").exists());
    const plan = (source: "snapshot" | "sql", path: string): ActivationPlanInput => ({
      id: "crafted",
      destination: { id: "local-folder", settings: { path, format: "jsonl" } },
      audiences: [{ audienceId: "everyone", ...(source === "sql" ? { source: "sql" as const } : {}) }],
      mapping: {
        person: [
          { source: "person.email", target: "email", transforms: ["sha256Email"] },
          { source: "person.title", target: "title", transforms: ["trim"] },
          { source: "account.id", target: "account" },
          { source: "account.name", target: "company" },
          { source: "account.employeeCount", target: "employees" },
          { source: "account.domain", target: "domain", transforms: ["domain"] },
        ],
      },
      consent: { channel: "email", allowUnknown: false },
    });
    const [snapshotDir, sqlDir] = [await tempDir(), await tempDir()];
    const viaSnapshot = (dryRun: boolean) =>
      activate(plan("snapshot", snapshotDir), {
        destination: localFolderDestination,
        snapshot: crafted,
        audiences: [{ audienceId: "everyone", type: "person", memberIds: evaluate(everyone, crafted, { now: SAMPLE_NOW }).memberIds }],
        now: SAMPLE_NOW,
        state: new MemoryStateStore(),
        dryRun,
        previewLimit: 2,
      });
    const viaSql = (dryRun: boolean) =>
      activate(plan("sql", sqlDir), {
        destination: localFolderDestination,
        audiences: [],
        memberSources: [
          sqlMemberSource({
            query: compileAudienceSql(everyone, { dialect: db.dialect, now: SAMPLE_NOW, snapshot: crafted }),
            layout: snapshotLayoutOf(crafted),
            rows: db.rows,
          }),
        ],
        now: SAMPLE_NOW,
        state: new MemoryStateStore(),
        dryRun,
        previewLimit: 2,
      });
    const dry = await viaSql(true);
    expect(comparable(dry)).toEqual(comparable(await viaSnapshot(true))); // the dry run's preview maps the same members
    expect(dry.audiences[0]!.preview!.adds.map((m) => m.memberId)).toEqual(["p1", "p4"]);
    const fromSnapshot = await viaSnapshot(false);
    const fromSql = await viaSql(false);
    expect(comparable(fromSql)).toEqual(comparable(fromSnapshot));
    const files = await filesOf(sqlDir);
    expect(files).toEqual(await filesOf(snapshotDir));
    const rows = Object.entries(files)
      .filter(([name]) => name.endsWith(".jsonl"))
      .flatMap(([, text]) =>
        text
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as Record<string, unknown>),
      );
    expect(rows.map((r) => [r.id, r.account, r.company])).toEqual([
      ["p1", "a2", "Second"], // a1's link is inactive: the first active account is a2
      ["p4", "a1", "First"],
      ["p\u00e9", "a2", "Second"],
    ]);
    expect(fromSql.audiences[0]!.skipped).toMatchObject({ noConsent: 2 });
  });

  it("maps like the Snapshot path for random mappings, transforms and consent rules (property, dry runs)", async () => {
    await db.load(original);
    const sources = [
      "id",
      "person.id",
      "person.email",
      "person.title",
      "person.createdAt",
      "person.leadScore",
      "person.adOptOut",
      "person.consent.email",
      "account.id",
      "account.name",
      "account.domain",
      "account.Segments__c",
      "account.Contract_Renewal__c",
      "account.employeeCount",
      "account.annualRevenue",
      "account.nothing",
    ];
    const transforms = ["trim", "lowercase", "uppercase", "sha256Email", "sha512Email", "sha256", "domain", "linkedinOrganizationUrn", "join"] as const;
    const mappingArb = fc.array(
      fc.record({
        source: fc.constantFrom(...sources),
        target: fc.constantFrom("a", "b", "c", "d"),
        transforms: fc.array(fc.constantFrom(...transforms), { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 5 },
    );
    const consentArb = fc.option(fc.record({ channel: fc.constantFrom("email", "advertising", "phone", "fax"), allowUnknown: fc.boolean() }), {
      nil: undefined,
    });
    const scenario = [fromAudience(reachable), fromAudience(idealCustomerProfile)];
    await fc.assert(
      fc.asyncProperty(mappingArb, mappingArb, consentArb, fc.constantFrom("full", "incremental"), async (person, account, consent, mode) => {
        const plan = (source: "snapshot" | "sql"): ActivationPlanInput => ({
          id: "property",
          destination: { id: "local-folder", settings: { path: "unused" } },
          audiences: scenario.map((a) => ({ audienceId: a.id, ...(source === "sql" ? { source: "sql" as const } : {}) })),
          mapping: { person, account: account.map((m) => ({ ...m, source: m.source.replace(/^person\./, "account.") })) },
          mode,
          ...(consent !== undefined ? { consent } : {}),
        });
        const common = { destination: localFolderDestination, now: SAMPLE_NOW, dryRun: true, previewLimit: 10_000 };
        const fromSnapshot = await activate(plan("snapshot"), {
          ...common,
          snapshot: original,
          audiences: scenario.map((a) => ({ audienceId: a.id, audienceName: a.name, type: a.type, memberIds: [...a.members(original, SAMPLE_NOW)] })),
          state: new MemoryStateStore(),
        });
        const fromSql = await activate(plan("sql"), {
          ...common,
          audiences: [],
          memberSources: scenario.map((a) =>
            sqlMemberSource({ query: a.compile(db.dialect, original, SAMPLE_NOW), layout: snapshotLayoutOf(original), rows: db.rows, audienceName: a.name }),
          ),
          state: new MemoryStateStore(),
        });
        expect(comparable(fromSql)).toEqual(comparable(fromSnapshot));
      }),
      { numRuns: 12 },
    );
  });

  it("a member that stops mapping between the read and the send raises MEMBER_SOURCE_CHANGED and nothing is delivered", async () => {
    await db.load(original);
    const dir = await tempDir();
    const state = new MemoryStateStore();
    let calls = 0;
    const rows: typeof db.rows = (sql, params) => {
      calls++;
      // after the audience was read, the person to send first leaves the table
      const before = calls === 2 ? db.exec(`DELETE FROM persons WHERE id = '${String(params[0]).replaceAll("'", "''")}'`) : Promise.resolve();
      return (async function* () {
        await before;
        yield* db.rows(sql, params);
      })();
    };
    const source = sqlMemberSource({
      query: compileAudienceSql(buyingCommittees, { dialect: db.dialect, now: SAMPLE_NOW, snapshot: original, audiences: REFERENCED }),
      layout: snapshotLayoutOf(original),
      rows,
    });
    const plan: ActivationPlanInput = {
      id: "changed",
      destination: { id: "local-folder", settings: { path: dir } },
      audiences: [{ audienceId: buyingCommittees.id, source: "sql" }],
      mapping: { person: [{ source: "person.email", target: "email" }] },
    };
    const error = await activate(plan, { destination: localFolderDestination, audiences: [], memberSources: [source], now: SAMPLE_NOW, state }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MemberSourceError);
    expect((error as MemberSourceError).code).toBe("MEMBER_SOURCE_CHANGED");
    expect(await filesOf(dir)).toEqual({});
    expect(((await state.load("changed/local-folder")) as { audiences: Record<string, unknown> } | undefined)?.audiences ?? {}).toEqual({});
  });

  it("a failing query is a MEMBER_SOURCE_FAILED error naming the audience", async () => {
    await db.load(original);
    const source = sqlMemberSource({
      query: { ...compileAudienceSql(reachable, { dialect: db.dialect, now: SAMPLE_NOW, snapshot: original }), sql: "SELECT id FROM no_such_table" },
      layout: snapshotLayoutOf(original),
      rows: db.rows,
    });
    const plan: ActivationPlanInput = {
      id: "failing",
      destination: { id: "local-folder", settings: { path: await tempDir() } },
      audiences: [{ audienceId: "reachable", source: "sql" }],
      mapping: { person: [{ source: "person.email", target: "email" }] },
    };
    const error = await activate(plan, {
      destination: localFolderDestination,
      audiences: [],
      memberSources: [source],
      now: SAMPLE_NOW,
      state: new MemoryStateStore(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemberSourceError);
    expect((error as MemberSourceError).code).toBe("MEMBER_SOURCE_FAILED");
    expect((error as Error).message).toContain("member query of audience reachable failed");
  });
});
