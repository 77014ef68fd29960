import { describe, expect, it } from "vitest";
import { MemoryStateStore } from "@abm-kit/destinations";
import { startFakeMarketo } from "@abm-kit/destination-marketo/testing";
import { emailOf, idsOf, marketoSnapshot, RUN_NOW } from "./helpers/fixture.js";
import { runMarketo } from "./helpers/run.js";

const snapshot = marketoSnapshot(40);
const persons = idsOf(snapshot, "person");
const accounts = idsOf(snapshot, "account");

describe("person audiences → static lists", () => {
  it("matches people to existing leads by email, creates the list in the folder, and a re-run changes nothing", async () => {
    const marketo = await startFakeMarketo({ now: RUN_NOW, leads: persons.slice(0, 30).map((_, i) => ({ email: emailOf(i), firstName: "Known" })) });
    try {
      const state = new MemoryStateStore();
      const first = await runMarketo({
        settings: marketo.settings(),
        snapshot,
        audiences: [{ audienceId: "buyers", audienceName: "Buyers", type: "person", memberIds: persons.slice(0, 35) }],
        state,
      });
      // five people have no lead and createLeads is off
      expect(first.totals.exported).toBe(30);
      expect(first.failures.filter((f) => f.code === "MARKETO_LEAD_NOT_FOUND").map((f) => f.memberId)).toEqual(persons.slice(30, 35));
      const list = marketo.fake.staticListNamed("Buyers [buyers]")!;
      expect(list.folder).toEqual({ id: 41, type: "Folder" });
      expect(marketo.fake.listMemberEmails(list.id)).toEqual(
        persons
          .slice(0, 30)
          .map((_, i) => emailOf(i))
          .sort(),
      );
      expect(marketo.fake.leads()).toHaveLength(30);
      const before = marketo.fake.requests.length;
      const again = await runMarketo({
        settings: marketo.settings(),
        snapshot,
        audiences: [{ audienceId: "buyers", audienceName: "Buyers", type: "person", memberIds: persons.slice(0, 30) }],
        state,
      });
      expect(again.totals).toMatchObject({ exported: 0, removed: 0, failed: 0 });
      // a token and the remembered list's check: no member request
      expect(marketo.fake.requests.slice(before).map((r) => r.kind)).toEqual(["identity", "getStaticList"]);
      expect(marketo.fake.staticLists()).toHaveLength(1);
      expect(marketo.fake.redundantAdds).toBe(0);
    } finally {
      await marketo.close();
    }
  });

  it("creates missing leads with createLeads, never two syncs of one email at once, and removes people who left even after they left the Snapshot", async () => {
    const marketo = await startFakeMarketo({ now: RUN_NOW, syncLatencyMs: 20 });
    try {
      const settings = { ...marketo.settings(), createLeads: true, maxBatchSize: 5, maxConcurrency: 8 };
      const state = new MemoryStateStore();
      const report = await runMarketo({ settings, snapshot, audiences: [{ audienceId: "buyers", type: "person", memberIds: persons }], state });
      expect(report.failureCount).toBe(0);
      expect(report.totals.exported).toBe(40);
      expect(marketo.fake.leads()).toHaveLength(40);
      expect(marketo.fake.duplicateLeadsCreated).toBe(0);
      expect(marketo.fake.leadsWithEmail(emailOf(3))[0]!.fields).toMatchObject({
        firstName: "Buyer00003",
        lastName: "Tester00003",
        title: "VP Marketing",
        company: "Fixture 00003 Ltd",
      });
      const syncs = marketo.fake.requests.filter((r) => r.kind === "syncLeads");
      expect(syncs.length).toBe(8);
      // the people who leave are no longer in the Snapshot at all
      const smaller = marketoSnapshot(30);
      const next = await runMarketo({
        settings,
        snapshot: smaller,
        audiences: [{ audienceId: "buyers", type: "person", memberIds: idsOf(smaller, "person") }],
        state,
      });
      expect(next.totals).toMatchObject({ exported: 0, removed: 10, failed: 0 });
      const list = marketo.fake.staticLists()[0]!;
      expect(marketo.fake.listMemberEmails(list.id)).toEqual(
        persons
          .slice(0, 30)
          .map((_, i) => emailOf(i))
          .sort(),
      );
      expect(marketo.fake.leads()).toHaveLength(40); // leads stay; only the list changes
    } finally {
      await marketo.close();
    }
  });

  it("reports leads Marketo holds twice (1007) and fields it does not know (1006) per person", async () => {
    const marketo = await startFakeMarketo({ now: RUN_NOW, leads: [{ email: emailOf(0) }, { email: emailOf(0) }, { email: emailOf(1) }] });
    try {
      const settings = { ...marketo.settings(), createLeads: true };
      const report = await runMarketo({
        settings,
        snapshot,
        audiences: [{ audienceId: "buyers", type: "person", memberIds: persons.slice(0, 3) }],
        mapping: {
          person: [
            { source: "person.email", target: "email" },
            { source: "person.title", target: "Buying_Role__c" },
          ],
        },
      });
      expect(report.failures.map((f) => [f.memberId, f.code])).toEqual([
        ["per-00000", "MARKETO_1007"],
        ["per-00002", "MARKETO_1006"],
      ]);
      expect(report.failures[1]!.message).toBe("Field 'Buying_Role__c' not found");
      expect(report.totals.exported).toBe(1);
      expect(marketo.fake.leads()).toHaveLength(3); // nothing guessed, nothing created
    } finally {
      await marketo.close();
    }
  });
});

describe("a static list deleted in Marketo", () => {
  it("is noticed on the next run, which creates a new list and sends every member to it", async () => {
    const marketo = await startFakeMarketo({ now: RUN_NOW, leads: persons.map((_, i) => ({ email: emailOf(i) })) });
    try {
      const state = new MemoryStateStore();
      const audiences = [{ audienceId: "buyers", type: "person" as const, memberIds: persons.slice(0, 12) }];
      await runMarketo({ settings: marketo.settings(), snapshot, audiences, state });
      const old = marketo.fake.staticLists()[0]!;
      marketo.fake.deleteStaticList(old.id);
      const report = await runMarketo({ settings: marketo.settings(), snapshot, audiences, state });
      expect(report.totals.exported).toBe(12);
      expect(report.audiences[0]!.warnings).toEqual([
        `the destination audience ${old.id} was replaced by ${report.audiences[0]!.externalId}; every member is sent again`,
      ]);
      const now = marketo.fake.staticLists();
      expect(now.map((l) => [l.name, l.memberCount])).toEqual([["buyers [buyers]", 12]]);
      expect(now[0]!.id).not.toBe(old.id);
    } finally {
      await marketo.close();
    }
  });
});

describe("account audiences → named account lists", () => {
  it("upserts named accounts by name, adds them to a named account list and removes those who leave", async () => {
    const marketo = await startFakeMarketo({ now: RUN_NOW });
    try {
      const state = new MemoryStateStore();
      const first = await runMarketo({
        settings: marketo.settings(),
        snapshot,
        audiences: [{ audienceId: "tier-1", audienceName: "Tier 1, EMEA", type: "account", memberIds: accounts.slice(0, 25) }],
        state,
      });
      expect(first.failureCount).toBe(0);
      const list = marketo.fake.namedAccountListNamed("Tier 1  EMEA [tier-1]")!;
      expect(marketo.fake.accountListMemberNames(list.marketoGUID)).toHaveLength(25);
      expect(marketo.fake.namedAccounts()[0]!.fields).toMatchObject({
        name: "Fixture 00000 Ltd",
        domainName: "fixture-00000.com",
        industry: "Software",
        numberOfEmployees: 100,
      });
      const next = await runMarketo({
        settings: marketo.settings(),
        snapshot,
        audiences: [{ audienceId: "tier-1", audienceName: "Tier 1, EMEA", type: "account", memberIds: accounts.slice(5, 30) }],
        state,
      });
      expect(next.totals).toMatchObject({ exported: 5, removed: 5, failed: 0 });
      expect(marketo.fake.accountListMemberNames(list.marketoGUID)).toEqual(
        accounts.slice(5, 30).map((_, i) => `Fixture ${String(i + 5).padStart(5, "0")} Ltd`),
      );
      expect(marketo.fake.namedAccounts()).toHaveLength(30); // removing never deletes or creates named accounts
    } finally {
      await marketo.close();
    }
  });
});
