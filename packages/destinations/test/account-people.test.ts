import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import { validatePlan } from "@abm-kit/guardrails";
import {
  activate,
  ActivationError,
  defineDestination,
  JsonFileStateStore,
  localFolderDestination,
  MemoryStateStore,
  planFacts,
  type AccountPeopleOptionInput,
  type ActivationPlanInput,
  type AudienceMembership,
} from "@abm-kit/destinations";
import { z } from "zod";
import { exportedSet, exportsIn, runAt, worldSnapshot, type World } from "./fixtures/account-people-world.js";
import { API_KEY, MemoryService, memoryDestination } from "./fixtures/memory-destination.js";

const WORLD: World = {
  accounts: ["a1", "a2", "a3"],
  persons: [
    { id: "p1", title: "CMO", consent: "granted" },
    { id: "p2", title: "Engineer", consent: "granted" },
    { id: "p3", title: "VP Marketing", consent: "granted" },
    { id: "p4", title: "CMO", consent: "denied" },
    { id: "p5", title: "CMO" },
    { id: "p6", title: "CIO", consent: "granted" },
  ],
  links: [
    { accountId: "a1", personId: "p1", roles: ["Decision Maker"] },
    { accountId: "a1", personId: "p2" },
    { accountId: "a1", personId: "p3", roles: ["Influencer"] },
    { accountId: "a2", personId: "p3", roles: ["Decision Maker"] },
    { accountId: "a2", personId: "p4" },
    { accountId: "a3", personId: "p5" },
  ],
};
const snapshot = worldSnapshot(WORLD);

const PERSON_MAPPING = [
  { source: "person.email", target: "email" },
  { source: "person.title", target: "title" },
  { source: "account.name", target: "account" },
];

function plan(out: string, people: AccountPeopleOptionInput = {}, extra: Partial<ActivationPlanInput> = {}): ActivationPlanInput {
  return {
    id: "icp-people",
    destination: { id: "local-folder", settings: { path: out, format: "jsonl" } },
    audiences: [{ audienceId: "icp", people }],
    mapping: { person: PERSON_MAPPING },
    mode: "incremental",
    ...extra,
  };
}
const icp = (accountIds: string[]): AudienceMembership => ({ audienceId: "icp", audienceName: "ICP", type: "account", memberIds: accountIds });
const persons = (audienceId: string, memberIds: string[]): AudienceMembership => ({ audienceId, type: "person", memberIds });
const title = (...values: string[]) => ({ kind: "attribute" as const, field: "title", op: "in" as const, values });

async function folder() {
  const dir = await mkdtemp(join(tmpdir(), "abm-acct-people-"));
  return { out: join(dir, "out"), state: new JsonFileStateStore(join(dir, "state")) };
}

describe("an account audience sent as its people to the local folder", () => {
  it("exports the people of a qualifying account, with the person's fields and the account's", async () => {
    const { out, state } = await folder();
    const report = await activate(plan(out), { destination: localFolderDestination, snapshot, audiences: [icp(["a1"])], now: runAt(0), state });
    expect(await exportedSet(out)).toEqual(["p1", "p2", "p3"]);
    const [only] = await exportsIn(out);
    expect(only!.rows).toEqual([
      { id: "p1", email: "p1@example.com", title: "CMO", account: "Company a1", status: "realized" },
      { id: "p2", email: "p2@example.com", title: "Engineer", account: "Company a1", status: "realized" },
      { id: "p3", email: "p3@example.com", title: "VP Marketing", account: "Company a1", status: "realized" },
    ]);
    expect(report.audiences[0]).toMatchObject({
      audienceId: "icp",
      type: "person",
      members: 3,
      desired: 3,
      exported: 3,
      accountPeople: { accounts: 1, excludedAccounts: 0, accountsNotInSnapshot: 0, linkedPeople: 3, notMatching: 0 },
    });
  });

  it("narrows by a person condition (title, a link's role) and by a person audience", async () => {
    const byTitle = await folder();
    await activate(plan(byTitle.out, { where: title("CMO", "VP Marketing") }), {
      destination: localFolderDestination,
      snapshot,
      audiences: [icp(["a1", "a2"])],
      now: runAt(0),
      state: byTitle.state,
    });
    expect(await exportedSet(byTitle.out)).toEqual(["p1", "p3", "p4"]);

    const byRole = await folder();
    const decisionMakers = {
      kind: "related" as const,
      relation: "links",
      quantifier: "some" as const,
      where: { kind: "attribute" as const, field: "roles", op: "containsAny" as const, values: ["Decision Maker"] },
    };
    const report = await activate(plan(byRole.out, { where: decisionMakers }), {
      destination: localFolderDestination,
      snapshot,
      audiences: [icp(["a1", "a2"])],
      now: runAt(0),
      state: byRole.state,
    });
    expect(await exportedSet(byRole.out)).toEqual(["p1", "p3"]);
    expect(report.audiences[0]!.accountPeople).toMatchObject({ linkedPeople: 4, notMatching: 2 });

    const byAudience = await folder();
    const champions = persons("champions", ["p3", "p4", "p6"]);
    await activate(plan(byAudience.out, { personAudienceId: "champions" }), {
      destination: localFolderDestination,
      snapshot,
      audiences: [icp(["a1", "a2"]), champions],
      now: runAt(0),
      state: byAudience.state,
    });
    expect(await exportedSet(byAudience.out)).toEqual(["p3", "p4"]); // p6 is a champion of no qualifying account

    const both = await folder();
    const inChampions = { kind: "inAudience" as const, audienceId: "champions" };
    await activate(plan(both.out, { where: { kind: "and", conditions: [title("CMO"), inChampions] } }), {
      destination: localFolderDestination,
      snapshot,
      audiences: [icp(["a1", "a2"]), champions],
      now: runAt(0),
      state: both.state,
    });
    expect(await exportedSet(both.out)).toEqual(["p4"]);
  });

  it("applies consent per person", async () => {
    const { out, state } = await folder();
    const report = await activate(plan(out, {}, { consent: { channel: "email", allowUnknown: false } }), {
      destination: localFolderDestination,
      snapshot,
      audiences: [icp(["a1", "a2", "a3"])],
      now: runAt(0),
      state,
    });
    expect(await exportedSet(out)).toEqual(["p1", "p2", "p3"]); // p4 denied, p5 unknown
    expect(report.audiences[0]).toMatchObject({ members: 5, desired: 3, skipped: { noConsent: 2 } });
  });

  it("removes the people of an account that exits", async () => {
    const { out, state } = await folder();
    await activate(plan(out), { destination: localFolderDestination, snapshot, audiences: [icp(["a1", "a3"])], now: runAt(0), state });
    const second = await activate(plan(out), { destination: localFolderDestination, snapshot, audiences: [icp(["a3"])], now: runAt(1), state });
    expect(second.audiences[0]).toMatchObject({ exited: 3, removed: 3, existing: 1 });
    expect((await exportsIn(out))[1]!.rows.map((r) => [r.id, r.status])).toEqual([
      ["p1", "exited"],
      ["p2", "exited"],
      ["p3", "exited"],
    ]);
    expect(await exportedSet(out)).toEqual(["p5"]);
  });

  it("removes a person unlinked from the account in a later Snapshot", async () => {
    const { out, state } = await folder();
    await activate(plan(out), { destination: localFolderDestination, snapshot, audiences: [icp(["a1"])], now: runAt(0), state });
    const later = worldSnapshot({ ...WORLD, links: WORLD.links.filter((l) => !(l.accountId === "a1" && l.personId === "p2")) }, runAt(1));
    const second = await activate(plan(out), { destination: localFolderDestination, snapshot: later, audiences: [icp(["a1"])], now: runAt(1), state });
    expect(second.audiences[0]).toMatchObject({ exited: 1, removed: 1 });
    expect(await exportedSet(out)).toEqual(["p1", "p3"]);
  });

  it("removes a person who stops matching the narrowing condition", async () => {
    const { out, state } = await folder();
    const cmos = plan(out, { where: title("CMO") });
    await activate(cmos, { destination: localFolderDestination, snapshot, audiences: [icp(["a1", "a2", "a3"])], now: runAt(0), state });
    expect(await exportedSet(out)).toEqual(["p1", "p4", "p5"]);
    const later = worldSnapshot({ ...WORLD, persons: WORLD.persons.map((p) => (p.id === "p1" ? { ...p, title: "Advisor" } : p)) }, runAt(1));
    await activate(cmos, { destination: localFolderDestination, snapshot: later, audiences: [icp(["a1", "a2", "a3"])], now: runAt(1), state });
    expect(await exportedSet(out)).toEqual(["p4", "p5"]);
  });

  it("sends a person of two qualifying accounts once, and removes them only when neither qualifies", async () => {
    const { out, state } = await folder();
    await activate(plan(out), { destination: localFolderDestination, snapshot, audiences: [icp(["a1", "a2"])], now: runAt(0), state });
    const exports = () => exportsIn(out);
    expect((await exports())[0]!.rows.filter((r) => r.id === "p3")).toEqual([
      { id: "p3", email: "p3@example.com", title: "VP Marketing", account: "Company a1", status: "realized" },
    ]);

    const second = await activate(plan(out), { destination: localFolderDestination, snapshot, audiences: [icp(["a2"])], now: runAt(1), state });
    expect(await exportedSet(out)).toEqual(["p3", "p4"]);
    // p3 stays (a2 still qualifies); their account field now reads a2, so they are sent again as existing, not removed
    expect((await exports())[1]!.rows.map((r) => [r.id, r.status, r.account])).toEqual([
      ["p3", "existing", "Company a2"],
      ["p1", "exited", "Company a1"],
      ["p2", "exited", "Company a1"],
    ]);
    expect(second.audiences[0]).toMatchObject({ exited: 2, changed: 1 });

    await activate(plan(out), { destination: localFolderDestination, snapshot, audiences: [icp(["a3"])], now: runAt(2), state });
    expect(await exportedSet(out)).toEqual(["p5"]);
  });

  it("an unknown field in the condition reads as missing and is a warning of the audience", async () => {
    const { out, state } = await folder();
    const report = await activate(plan(out, { where: { kind: "attribute", field: "titel", op: "eq", value: "CMO" } }), {
      destination: localFolderDestination,
      snapshot,
      audiences: [icp(["a1"])],
      now: runAt(0),
      state,
    });
    expect(report.audiences[0]!.warnings).toEqual([expect.stringMatching(/^people\.where: field: person rows have no field "titel"/)]);
    expect(report.audiences[0]).toMatchObject({ members: 0, exported: 0, accountPeople: { linkedPeople: 3, notMatching: 3 } });
  });

  it("a dry run previews the people and sends nothing", async () => {
    const { out, state } = await folder();
    const report = await activate(plan(out), { destination: localFolderDestination, snapshot, audiences: [icp(["a2"])], now: runAt(0), state, dryRun: true });
    expect(report.audiences[0]!.preview!.adds).toEqual([
      { memberId: "p3", fields: { email: "p3@example.com", title: "VP Marketing", account: "Company a2" } },
      { memberId: "p4", fields: { email: "p4@example.com", title: "CMO", account: "Company a2" } },
    ]);
    expect(await exportedSet(out).catch(() => "no folder")).toBe("no folder");
  });

  it("applies governance to the person mapping, as for person audiences", async () => {
    const { out, state } = await folder();
    const noDirectIds = {
      id: "no-direct-ids",
      name: "No directly identifying data in exports",
      deny: { labels: ["I1"], actions: ["exportToThirdParty"] },
      enforcement: "block" as const,
    };
    const report = await activate(plan(out, {}, { governance: { policies: [noDirectIds] } }), {
      destination: localFolderDestination,
      snapshot,
      audiences: [icp(["a1"])],
      now: runAt(0),
      state,
    });
    expect(report.governance.droppedTargets).toEqual(["person.email"]);
    const [only] = await exportsIn(out);
    expect(only!.rows[0]).toEqual({ id: "p1", title: "CMO", account: "Company a1", status: "realized" });
  });

  it("drops the people of excluded accounts and excluded people", async () => {
    const { out, state } = await folder();
    const report = await activate(plan(out, {}, { exclusions: { audienceIds: ["customers"], memberIds: ["p2"] } }), {
      destination: localFolderDestination,
      snapshot,
      audiences: [icp(["a1", "a2", "a3"]), { audienceId: "customers", type: "account", memberIds: ["a1"] }],
      now: runAt(0),
      state,
    });
    // a1 is excluded: p1 goes, p2 is excluded by id anyway, p3 still comes through a2
    expect(await exportedSet(out)).toEqual(["p3", "p4", "p5"]);
    expect(report.audiences[0]!.accountPeople).toMatchObject({ accounts: 2, excludedAccounts: 1 });
  });
});

describe("account people: crash and resume", () => {
  it("a file delivery that dies is redone by the next run, with the same result", async () => {
    const { out, state } = await folder();
    await activate(plan(out), { destination: localFolderDestination, snapshot, audiences: [icp(["a1"])], now: runAt(0), state });
    let deliveries = 0;
    const dying = defineDestination({
      ...localFolderDestination,
      file: {
        ...localFolderDestination.file!,
        deliver: async (ctx, file) => {
          if (++deliveries === 1) throw new Error("process died");
          await localFolderDestination.file!.deliver(ctx, file);
        },
      },
    });
    const crashed = await activate(plan(out), { destination: dying, snapshot, audiences: [icp(["a2", "a3"])], now: runAt(1), state }).catch((e: unknown) => e);
    expect(crashed).toBeInstanceOf(ActivationError);
    expect(await exportedSet(out)).toEqual(["p1", "p2", "p3"]); // nothing of the dead run was delivered
    await activate(plan(out), { destination: localFolderDestination, snapshot, audiences: [icp(["a2", "a3"])], now: runAt(2), state });
    expect(await exportedSet(out)).toEqual(["p3", "p4", "p5"]);
  });

  it("a streaming run that dies mid-way resumes to the same members, each person sent once per change", async () => {
    const world: World = {
      accounts: Array.from({ length: 12 }, (_, i) => `a${String(i).padStart(2, "0")}`),
      persons: Array.from({ length: 40 }, (_, i) => ({ id: `p${String(i).padStart(2, "0")}`, title: i % 3 === 0 ? "CMO" : "Engineer" })),
      links: Array.from({ length: 40 }, (_, i) => [
        { accountId: `a${String(i % 12).padStart(2, "0")}`, personId: `p${String(i).padStart(2, "0")}` },
        { accountId: `a${String((i * 7) % 12).padStart(2, "0")}`, personId: `p${String(i).padStart(2, "0")}` },
      ]).flat(),
    };
    const snap = worldSnapshot(world);
    const streamingPlan: ActivationPlanInput = {
      id: "icp-people",
      destination: { id: "memory", settings: { apiKey: API_KEY } },
      audiences: [{ audienceId: "icp", people: {} }],
      mapping: {
        person: [
          { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
          { source: "person.title", target: "title" },
        ],
      },
    };
    const accounts = world.accounts.slice(0, 8);
    const expected = [...new Set(world.links.filter((l) => accounts.includes(l.accountId)).map((l) => l.personId))].sort();
    const service = new MemoryService();
    const state = new MemoryStateStore();
    const crash = (_b: unknown, n: number) => {
      if (n === 3) throw new Error("process died");
    };
    const died = await activate(streamingPlan, {
      destination: memoryDestination(service, { afterApply: crash }, { maxBatchSize: 4 }),
      snapshot: snap,
      audiences: [icp(accounts)],
      now: runAt(0),
      state,
      sleep: async () => {},
    }).catch((e: unknown) => e);
    expect(died).toBeInstanceOf(ActivationError);
    expect(service.membersOf("ext-icp").length).toBeLessThan(expected.length);
    const resumed = await activate(streamingPlan, {
      destination: memoryDestination(service, {}, { maxBatchSize: 4 }),
      snapshot: snap,
      audiences: [icp(accounts)],
      now: runAt(0),
      state,
      sleep: async () => {},
    });
    expect(resumed.failureCount).toBe(0);
    expect(service.membersOf("ext-icp")).toEqual(expected);
    const adds = new Map<string, number>();
    for (const id of service.addsSent) adds.set(id, (adds.get(id) ?? 0) + 1);
    expect([...adds.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(4); // at most the batch in flight went twice
    expect(service.batches.every((b) => b.audience.type === "person" && b.audience.throughAccounts === true)).toBe(true);
  });
});

describe("account people: plan checks and guardrails", () => {
  const accountsOnly = defineDestination({
    id: "companies-only",
    name: "Companies only",
    settings: z.object({}),
    audienceTypes: ["account"],
    identities: ["companyName"],
    delivery: { kind: "streaming", modes: ["incremental"] },
    limits: { maxBatchSize: 10 },
    marketingActions: [],
    mappingTargets: { account: [{ name: "name", identity: "companyName", required: true }] },
    sendBatch: async (_ctx, batch) => batch.members.map((m) => ({ memberId: m.memberId, ok: true as const })),
  });
  const toCompanies: ActivationPlanInput = {
    id: "p",
    destination: { id: "companies-only", settings: {} },
    audiences: [{ audienceId: "icp", people: {} }],
    mapping: { account: [{ source: "account.name", target: "name" }], person: [{ source: "person.email", target: "email" }] },
  };

  it("guardrails accept it for a person destination and refuse it for an accounts-only one, with a clear finding", async () => {
    const { out } = await folder();
    const ok = planFacts(plan(out), localFolderDestination, [icp(["a1", "a2"])], { snapshot, now: runAt(0) });
    expect(ok.audiences).toEqual([{ audienceId: "icp", type: "account", sentAsPeople: true, size: 4 }]);
    expect(validatePlan(ok, { profile: "relaxed" }).filter((f) => f.severity === "error")).toEqual([]);

    const refused = validatePlan(planFacts(toCompanies, accountsOnly, [icp(["a1"])]), { profile: "relaxed" });
    expect(refused.filter((f) => f.severity === "error")).toEqual([
      expect.objectContaining({
        ruleId: "destination.audienceType",
        path: "audiences[0].sentAsPeople",
        audienceId: "icp",
        message: `audience "icp" is sent as its accounts' people (person members), but destination companies-only takes only account audiences`,
      }),
    ]);
  });

  it("activate refuses it for an accounts-only destination before sending anything", async () => {
    const run = activate(toCompanies, { destination: accountsOnly, snapshot, audiences: [icp(["a1"])], now: runAt(0), state: new MemoryStateStore() });
    await expect(run).rejects.toBeInstanceOf(ValidationError);
    const error = (await run.catch((e: unknown) => e)) as ValidationError;
    expect(error.problems).toEqual([
      expect.objectContaining({ path: ["audiences", 0, "people"], message: expect.stringContaining("sent as its accounts' people") }),
    ]);
  });

  it("a condition nested too deep is a problem of the plan, not a stack overflow", async () => {
    let where: unknown = title("CMO");
    for (let i = 0; i < 100_000; i++) where = { kind: "not", condition: where };
    const { out, state } = await folder();
    const deep = { ...plan(out), audiences: [{ audienceId: "icp", people: { where } }] } as ActivationPlanInput;
    const error = (await activate(deep, { destination: localFolderDestination, snapshot, audiences: [icp(["a1"])], now: runAt(0), state }).catch(
      (e: unknown) => e,
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.path.slice(0, 4)).toEqual(["audiences", 0, "people", "where"]);
    expect(error.problems[0]!.path).toHaveLength(4 + 64);
    expect(error.problems[0]!.message).toBe("conditions nest at most 64 levels deep");
  });

  it("a bad option raises one ValidationError naming every problem", async () => {
    const { out, state } = await folder();
    const bad = {
      ...plan(out),
      audiences: [
        { audienceId: "icp", people: { where: { kind: "attribute", field: "title", op: "in", values: [] }, personAudienceId: "", colour: "red" } },
        { audienceId: "champions", people: { where: { kind: "related", relation: "opportunities", quantifier: "some" } } },
      ],
    };
    const error = (await activate(bad as ActivationPlanInput, {
      destination: localFolderDestination,
      snapshot,
      audiences: [icp(["a1"]), persons("champions", ["p1"])],
      now: runAt(0),
      state,
    }).catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    const paths = error.problems.map((p) => p.path.join("."));
    expect(paths.sort()).toEqual([
      "audiences.0.people",
      "audiences.0.people.personAudienceId",
      "audiences.0.people.where.values",
      "audiences.1.people.where.relation",
    ]);

    // schema-valid but wrong for the plan: a person audience sent as people, an unknown person audience, a where the Snapshot cannot evaluate
    const wrong: ActivationPlanInput = {
      ...plan(out),
      audiences: [
        { audienceId: "icp", people: { personAudienceId: "nobody", where: { kind: "inAudience", audienceId: "missing" } } },
        { audienceId: "champions", people: {} },
      ],
    };
    const second = (await activate(wrong, {
      destination: localFolderDestination,
      snapshot,
      audiences: [icp(["a1"]), persons("champions", ["p1"])],
      now: runAt(0),
      state,
    }).catch((e: unknown) => e)) as ValidationError;
    expect(second).toBeInstanceOf(ValidationError);
    expect(second.problems.map((p) => p.path.join("."))).toEqual(["audiences.0.people.personAudienceId", "audiences.1.people"]);
    expect(await exportedSet(out).catch(() => [])).toEqual([]);

    const unevaluable: ActivationPlanInput = {
      ...plan(out),
      audiences: [{ audienceId: "icp", people: { where: { kind: "inAudience", audienceId: "missing" } } }],
    };
    const third = (await activate(unevaluable, { destination: localFolderDestination, snapshot, audiences: [icp(["a1"])], now: runAt(0), state }).catch(
      (e: unknown) => e,
    )) as ValidationError;
    expect(third).toBeInstanceOf(ValidationError);
    expect(third.problems).toEqual([expect.objectContaining({ path: ["audiences", 0, "people", "where"], message: expect.stringContaining("missing") })]);
  });
});
