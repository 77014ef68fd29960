import { afterEach, describe, expect, it } from "vitest";
import { buildSnapshot } from "@abm-kit/core";
import { activate, hashEmail, MemoryStateStore } from "@abm-kit/destinations";
import { linkedInDestination } from "@abm-kit/destination-linkedin";
import { startFakeLinkedIn, type FakeLinkedInOptions, type FakeLinkedInServer } from "@abm-kit/destination-linkedin/testing";
import { FAKE_NOW, idsOf, linkedInSnapshot, memberIdsByKey } from "./helpers/fixture.js";
import { runLinkedIn, virtualClock, type VirtualClock } from "./helpers/run.js";

const servers: FakeLinkedInServer[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
});

async function start(options: FakeLinkedInOptions = {}): Promise<FakeLinkedInServer> {
  const s = await startFakeLinkedIn({ now: FAKE_NOW, propagationDelayMs: 0, ...options });
  servers.push(s);
  return s;
}

/** Member ids a segment holds, from the fake's keys. */
function heldIds(linkedin: FakeLinkedInServer, segmentId: string, byKey: Map<string, string>): string[] {
  return linkedin.fake
    .members(segmentId)
    .map((m) => byKey.get(m.key) ?? m.key)
    .sort();
}

/** Member-carrying requests per segment and action, as `segment:action → sizes`. */
function memberRequests(linkedin: FakeLinkedInServer): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const r of linkedin.fake.requests) {
    if (r.kind !== "companies" && r.kind !== "users") continue;
    const action = r.adds! > 0 ? "add" : "remove";
    (out[`${r.kind}:${action}`] ??= []).push(r.batchSize!);
  }
  return out;
}

describe("LinkedIn activation without faults", () => {
  it("makes ⌈changed members / 5,000⌉ member requests per segment and action, plus one token and the find-or-create calls", async () => {
    const snapshot = linkedInSnapshot(18_345);
    const byKey = memberIdsByKey(snapshot);
    const accounts = idsOf(snapshot, "account");
    const persons = idsOf(snapshot, "person");
    const linkedin = await start();
    const settings = linkedin.settings();
    const state = new MemoryStateStore();
    const first = [
      { audienceId: "tier-1", type: "account" as const, memberIds: accounts.slice(0, 12_345) },
      { audienceId: "buyers", type: "person" as const, memberIds: persons.slice(0, 12_345) },
    ];
    const full = await runLinkedIn({ settings, snapshot, audiences: first, state, mode: "full" });
    expect(full.failureCount).toBe(0);
    expect(memberRequests(linkedin)).toEqual({ "companies:add": [5000, 5000, 2345], "users:add": [5000, 5000, 2345] });
    // 1 token + per segment: finder + create, 3 member requests, and the status read after it.
    expect(linkedin.fake.requests.map((r) => r.kind).filter((k) => k !== "companies" && k !== "users")).toEqual([
      "token",
      "findSegments",
      "createSegment",
      "getSegment",
      "findSegments",
      "createSegment",
      "getSegment",
    ]);
    // Each HTTP request counts once in the report.
    expect(full.requests).toBe(linkedin.fake.requests.length);
    expect(full.requests).toBe(1 + 2 * (2 + Math.ceil(12_345 / 5000) + 1));
    expect(full.audiences.map((a) => a.destination?.status)).toEqual(["BUILDING", "BUILDING"]);

    const [companySegment, userSegment] = full.audiences.map((a) => a.externalId!);
    expect(heldIds(linkedin, companySegment!, byKey)).toEqual(accounts.slice(0, 12_345));
    expect(heldIds(linkedin, userSegment!, byKey)).toEqual(persons.slice(0, 12_345));

    const before = linkedin.fake.requests.length;
    const second = [
      { audienceId: "tier-1", type: "account" as const, memberIds: accounts.slice(5_100) },
      { audienceId: "buyers", type: "person" as const, memberIds: persons.slice(5_100) },
    ];
    const incremental = await runLinkedIn({ settings, snapshot, audiences: second, state });
    const later = linkedin.fake.requests.slice(before);
    expect(later.map((r) => r.kind).filter((k) => k !== "companies" && k !== "users")).toEqual([
      "token",
      "getSegment",
      "getSegment",
      "getSegment",
      "getSegment",
    ]);
    expect(incremental.requests).toBe(later.length);
    // token + per segment: check, ⌈5,100/5,000⌉ removes, ⌈6,000/5,000⌉ adds, status read
    expect(incremental.requests).toBe(1 + 2 * (1 + 2 + 2 + 1));
    // 5,100 exited and 6,000 new members per audience: 2 removes and 2 adds each.
    const sizes = (kind: string, field: "adds" | "removes") => later.filter((r) => r.kind === kind && r[field]! > 0).map((r) => r.batchSize);
    expect([sizes("companies", "removes"), sizes("companies", "adds")]).toEqual([
      [5000, 100],
      [5000, 1000],
    ]);
    expect([sizes("users", "removes"), sizes("users", "adds")]).toEqual([
      [5000, 100],
      [5000, 1000],
    ]);
    expect(incremental.totals).toMatchObject({ exported: 12_000, removed: 10_200, failed: 0 });
    expect(heldIds(linkedin, companySegment!, byKey)).toEqual(accounts.slice(5_100));
    expect(heldIds(linkedin, userSegment!, byKey)).toEqual(persons.slice(5_100));
    expect(linkedin.fake.segments()).toHaveLength(2);
    expect(linkedin.fake.redundantAdds + linkedin.fake.redundantRemoves).toBe(0);
  }, 120_000);

  it("splits a runtime batch into requests of at most the maxBatchSize setting", async () => {
    const snapshot = linkedInSnapshot(100);
    const linkedin = await start();
    const report = await runLinkedIn({
      settings: { ...linkedin.settings(), maxBatchSize: 40 },
      snapshot,
      audiences: [{ audienceId: "tier-1", type: "account", memberIds: idsOf(snapshot, "account") }],
    });
    expect(report.totals.exported).toBe(100);
    expect(memberRequests(linkedin)).toEqual({ "companies:add": [40, 40, 20] });
  });

  it("sends companies on their registrable domain, name and ISO country, and users on a SHA-256 hash with names cut to 35 characters", async () => {
    const snapshot = linkedInSnapshot(10);
    const linkedin = await start();
    const report = await runLinkedIn({
      settings: linkedin.settings(),
      snapshot,
      audiences: [
        { audienceId: "tier-1", type: "account", memberIds: ["acc-00000", "acc-00001"] },
        { audienceId: "buyers", type: "person", memberIds: ["per-00000", "per-00001"] },
      ],
    });
    const [companies, users] = report.audiences.map((a) => linkedin.fake.members(a.externalId!).map((m) => m.element));
    expect(companies).toEqual([
      // acc-00000 is in "Germany": not an ISO-2 code, so left out
      { action: "ADD", companyName: "Fixture 00000 Ltd", companyWebsiteDomain: "fixture-00000.com", industries: ["Software"] },
      { action: "ADD", companyName: "Fixture 00001 Ltd", companyWebsiteDomain: "fixture-00001.com", country: "US", industries: ["Software"] },
    ]);
    const sha = (email: string) => hashEmail(email)!;
    expect(users).toEqual(
      [
        {
          action: "ADD",
          userIds: [{ idType: "SHA256_EMAIL", idValue: sha("buyer.00000@fixture-00000.com") }],
          firstName: "Maximilian-Alexander-Bartholomew-00",
          lastName: "Tester00000",
          title: "VP Marketing",
          company: "Fixture 00000 Ltd",
        },
        {
          action: "ADD",
          userIds: [{ idType: "SHA256_EMAIL", idValue: sha("buyer.00001@fixture-00001.com") }],
          firstName: "Buyer00001",
          lastName: "Tester00001",
          title: "VP Marketing",
          company: "Fixture 00001 Ltd",
          country: "US",
        },
      ].sort((a, b) => (a.userIds[0]!.idValue < b.userIds[0]!.idValue ? -1 : 1)),
    );
    expect((users![0]!.firstName as string).length).toBeLessThanOrEqual(35);
  });

  it("hashes an email mapped without the sha256Email transform before it leaves, and fails a member with no usable email without sending it", async () => {
    const snapshot = buildSnapshot(
      {
        persons: [
          { id: "p1", email: " Jane.Doe@Acme.com " },
          { id: "p2", email: "not-an-email" },
          { id: "p3", email: "AB".repeat(32) },
        ],
      },
      { asOf: FAKE_NOW },
    );
    const linkedin = await start();
    const report = await activate(
      {
        id: "untransformed",
        destination: { id: "linkedin", settings: linkedin.settings() },
        audiences: [{ audienceId: "raw" }],
        mapping: { person: [{ source: "person.email", target: "sha256Email" }] },
      },
      {
        destination: linkedInDestination,
        snapshot,
        audiences: [{ audienceId: "raw", type: "person", memberIds: ["p1", "p2", "p3"] }],
        now: FAKE_NOW,
        state: new MemoryStateStore(),
        sleep: async () => undefined,
      },
    );
    expect(report.totals.exported).toBe(2);
    expect(report.failures).toEqual([expect.objectContaining({ memberId: "p2", code: "NO_USER_IDENTIFIER" })]);
    const members = linkedin.fake.members(report.audiences[0]!.externalId!);
    // a plain address is hashed (trimmed, lower-cased), an upper-case digest lower-cased
    expect(members.map((m) => m.key).sort()).toEqual([`sha256:${"ab".repeat(32)}`, `sha256:${hashEmail("jane.doe@acme.com")}`].sort());
    expect(JSON.stringify(members)).not.toMatch(/acme\.com/i);
    expect(linkedin.fake.rejections).toEqual([]);
  });

  it("reuses the remembered segment, and creates a new one when it was deleted", async () => {
    const snapshot = linkedInSnapshot(20);
    const linkedin = await start();
    const state = new MemoryStateStore();
    const audience = (ids: string[]) => [{ audienceId: "tier-1", type: "account" as const, memberIds: ids }];
    const ids = idsOf(snapshot, "account");
    const first = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences: audience(ids.slice(0, 10)), state });
    const id = first.audiences[0]!.externalId!;
    const second = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences: audience(ids.slice(0, 15)), state });
    expect(second.audiences[0]!.externalId).toBe(id);
    expect(linkedin.fake.members(id)).toHaveLength(15);
    linkedin.fake.deleteSegment(id);
    const third = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences: audience(ids.slice(0, 15)), state, mode: "full" });
    expect(third.audiences[0]!.externalId).not.toBe(id);
    expect(linkedin.fake.members(third.audiences[0]!.externalId!)).toHaveLength(15);
    expect(linkedin.fake.segments()).toHaveLength(1);
  });

  it("refills a segment deleted at LinkedIn on the next incremental run: every member goes to the new segment", async () => {
    const snapshot = linkedInSnapshot(20);
    const linkedin = await start();
    const state = new MemoryStateStore();
    const audience = (ids: string[]) => [{ audienceId: "tier-1", type: "account" as const, memberIds: ids }];
    const ids = idsOf(snapshot, "account");
    const first = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences: audience(ids.slice(0, 15)), state });
    const id = first.audiences[0]!.externalId!;
    linkedin.fake.deleteSegment(id);
    const second = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences: audience(ids.slice(0, 16)), state });
    const replaced = second.audiences[0]!.externalId!;
    expect(replaced).not.toBe(id);
    expect(linkedin.fake.members(replaced)).toHaveLength(16);
    expect(second.audiences[0]!.exported).toBe(16);
    expect(second.audiences[0]!.warnings.join(" ")).toMatch(/replaced/);
  });

  it("finds the segment by name when a run stopped between creating it and remembering its id", async () => {
    const snapshot = linkedInSnapshot(12);
    const controller = new AbortController();
    const linkedin = await start({ onRequest: (r) => (r.kind === "createSegment" ? controller.abort() : undefined) });
    const state = new MemoryStateStore();
    const audiences = [{ audienceId: "tier-1", type: "account" as const, memberIds: idsOf(snapshot, "account"), audienceName: "Tier 1" }];
    await expect(runLinkedIn({ settings: linkedin.settings(), snapshot, audiences, state, signal: controller.signal })).rejects.toMatchObject({
      code: "ACTIVATION_ABORTED",
    });
    expect(linkedin.fake.segments()).toHaveLength(1);
    expect((await state.load("linkedin-test/linkedin"))?.audiences["tier-1"]?.externalId).toBeUndefined();
    const resumed = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences, state });
    expect(linkedin.fake.segments()).toEqual([expect.objectContaining({ name: "Tier 1 [tier-1]", type: "COMPANY", inputCount: 12 })]);
    expect(resumed.audiences[0]!.externalId).toBe(linkedin.fake.segments()[0]!.id);
  });

  it("reads the new id from the header the segmentIdHeader setting names, and finds the segment by name when the header is missing", async () => {
    const snapshot = linkedInSnapshot(5);
    const audiences = [{ audienceId: "tier-1", type: "account" as const, memberIds: idsOf(snapshot, "account") }];
    const other = await start({ idHeaders: ["x-linkedin-id"] });
    const a = await runLinkedIn({ settings: { ...other.settings(), segmentIdHeader: "X-LinkedIn-Id" }, snapshot, audiences });
    expect(a.totals.exported).toBe(5);
    expect(other.fake.requests.map((r) => r.kind)).toEqual(["token", "findSegments", "createSegment", "companies", "getSegment"]);
    const none = await start({ idHeaders: [] });
    const b = await runLinkedIn({ settings: none.settings(), snapshot, audiences });
    expect(b.totals.exported).toBe(5);
    expect(none.fake.requests.map((r) => r.kind)).toEqual(["token", "findSegments", "createSegment", "findSegments", "companies", "getSegment"]);
    expect(none.fake.segments()).toHaveLength(1);
  });

  it("waits after creating a segment, so the first members meet no 404", async () => {
    const clock: VirtualClock = virtualClock();
    const snapshot = linkedInSnapshot(5);
    const linkedin = await start({ clock: clock.now, propagationDelayMs: 5000 });
    const report = await runLinkedIn({
      settings: linkedin.settings(),
      snapshot,
      clock,
      audiences: [{ audienceId: "tier-1", type: "account", memberIds: idsOf(snapshot, "account") }],
    });
    expect(report.retries).toBe(0);
    expect(linkedin.fake.requests.filter((r) => r.status === 404)).toEqual([]);
  });
});
