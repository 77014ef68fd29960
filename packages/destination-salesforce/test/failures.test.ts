import { afterEach, describe, expect, it } from "vitest";
import { MemoryStateStore, StopRunError } from "@abm-kit/destinations";
import { SalesforceActionRequiredError } from "@abm-kit/destination-salesforce";
import { fakeId, startFakeSalesforce, type FakeSalesforceServer, type StartFakeSalesforceOptions } from "@abm-kit/destination-salesforce/testing";
import { idsOf, memberIdsByRecord, orgRecords, salesforceSnapshot } from "./helpers/fixture.js";
import { runSalesforce } from "./helpers/run.js";

const servers: FakeSalesforceServer[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
});
async function org(size: number, options: StartFakeSalesforceOptions = {}) {
  const sf = await startFakeSalesforce({ ...orgRecords(size), ...options });
  servers.push(sf);
  return sf;
}

const SIZE = 30;
const snapshot = salesforceSnapshot(SIZE);
const byRecord = memberIdsByRecord(snapshot);
const people = idsOf(snapshot, "person");
const accounts = idsOf(snapshot, "account");
const buyers = { audienceId: "buyers", audienceName: "Buyers", type: "person" as const, memberIds: people };
const tier1 = { audienceId: "tier-1", audienceName: "Tier 1", type: "account" as const, memberIds: accounts };

describe("the daily API limit (REQUEST_LIMIT_EXCEEDED)", () => {
  for (const path of ["collections", "bulk"] as const) {
    it(`stops the run cleanly and resumably, saying so (${path} path)`, async () => {
      // enough requests for the token-free part of a few batches, then the limit
      const sf = await org(SIZE, { dailyLimit: path === "bulk" ? 14 : 4 });
      const settings = { ...sf.settings(), bulkThreshold: path === "bulk" ? 0 : 2000 };
      const state = new MemoryStateStore();
      const error = await runSalesforce({ settings, snapshot, audiences: [buyers, tier1], state, maxBatchSize: 10 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StopRunError);
      const stop = error as StopRunError;
      expect(stop.code).toBe("SALESFORCE_DAILY_LIMIT");
      expect(stop.report!.status).toBe("stopped");
      expect(stop.report!.warnings.join(" ")).toMatch(/daily API request limit is used up \(\d+ of \d+ requests used\).*resumes from its checkpoint/);
      const heldWhenStopped = sf.fake.org.all("CampaignMember").length;
      expect(heldWhenStopped).toBeLessThan(SIZE);

      // the limit resets; running again resumes and ends with everyone
      sf.fake.dailyLimit = 15_000;
      const resumed = await runSalesforce({ settings, snapshot, audiences: [buyers, tier1], state, maxBatchSize: 10 });
      expect(resumed.status).toBe("completed");
      expect(resumed.failureCount).toBe(0);
      expect(resumed.totals.exported).toBe(2 * SIZE - stop.report!.totals.exported);
      const campaign = sf.fake.campaigns()[0]!.id;
      expect(sf.fake.campaigns()).toHaveLength(1);
      expect(
        sf.fake
          .campaignMembers(campaign)
          .map((id) => byRecord.get(id))
          .sort(),
      ).toEqual(people);
      expect(sf.fake.withMembership("Account", "ABM_Audiences__c", "Tier 1").map((id) => byRecord.get(id))).toEqual(accounts);
    });
  }
});

describe("sessions, locks and duplicates", () => {
  it("refreshes an expired session (INVALID_SESSION_ID) once and goes on", async () => {
    const sf = await org(SIZE, { sessionRequests: 3 });
    const report = await runSalesforce({ settings: sf.settings("jwtBearer"), snapshot, audiences: [buyers], maxBatchSize: 10 });
    expect(report.failureCount).toBe(0);
    expect(report.tokenRefreshes).toBeGreaterThan(0);
    expect(sf.requests.filter((r) => r.kind === "session").length).toBe(report.tokenRefreshes);
    expect(sf.fake.org.all("CampaignMember")).toHaveLength(SIZE);
  });

  it("sends a record again after UNABLE_TO_LOCK_ROW, on both paths", async () => {
    for (const bulkThreshold of [2000, 0]) {
      const sf = await org(SIZE);
      for (const i of [1, 7, 22]) sf.fake.org.lockedOnce.add(fakeId("Account", i));
      const report = await runSalesforce({ settings: { ...sf.settings(), bulkThreshold }, snapshot, audiences: [tier1] });
      expect(report.failureCount).toBe(0);
      expect(sf.fake.org.lockedOnce.size).toBe(0);
      expect(sf.fake.withMembership("Account", "ABM_Audiences__c", "Tier 1")).toHaveLength(SIZE);
    }
  });

  it("counts a person who is already a campaign member (DUPLICATE_VALUE) as added", async () => {
    const sf = await org(SIZE);
    const first = await runSalesforce({ settings: sf.settings(), snapshot, audiences: [{ ...buyers, memberIds: people.slice(0, 10) }] });
    // a new state: the adapter sends everyone, ten of them are members already
    const second = await runSalesforce({ settings: sf.settings(), snapshot, audiences: [buyers] });
    expect([first.failureCount, second.failureCount, second.totals.exported]).toEqual([0, 0, SIZE]);
    expect(sf.fake.org.duplicateMembers).toBe(10);
    expect(sf.fake.org.all("CampaignMember")).toHaveLength(SIZE);
  });
});

describe("removing campaign members found over several query pages", () => {
  it("follows nextRecordsUrl and deletes everyone who left", async () => {
    const sf = await org(SIZE, { queryPageSize: 7 });
    const state = new MemoryStateStore();
    await runSalesforce({ settings: sf.settings(), snapshot, audiences: [buyers], state });
    const report = await runSalesforce({ settings: sf.settings(), snapshot, audiences: [{ ...buyers, memberIds: people.slice(0, 5) }], state });
    expect([report.failureCount, report.totals.removed]).toEqual([0, SIZE - 5]);
    expect(sf.fake.org.all("CampaignMember")).toHaveLength(5);
    expect(sf.requests.filter((r) => r.kind === "query").length).toBe(1 + Math.ceil((SIZE - 5) / 7));
  });
});

describe("membership fields", () => {
  it("stops before writing anything when the field does not exist, naming the field and the object", async () => {
    const sf = await org(SIZE, { customFields: [] });
    const error = await runSalesforce({ settings: sf.settings(), snapshot, audiences: [tier1] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceActionRequiredError);
    expect((error as Error).message).toBe(
      "The Account object has no field ABM_Audiences__c (setting account.field). Create it in Salesforce as a multi-select picklist or text field, or name an existing one.",
    );
    expect((error as SalesforceActionRequiredError).report!.status).toBe("actionRequired");
    expect(sf.requests.map((r) => r.kind)).toEqual(["token", "describe"]);
  });

  it("sets and clears one audience's name without disturbing the others in the field", async () => {
    const sf = await org(SIZE);
    const a = fakeId("Account", 1);
    sf.fake.org.get("Account", a)!.ABM_Audiences__c = "Renewals;Tier 1";
    const state = new MemoryStateStore();
    await runSalesforce({ settings: sf.settings(), snapshot, audiences: [tier1, { ...tier1, audienceId: "expansion", audienceName: "Expansion" }], state });
    expect(sf.fake.org.get("Account", a)!.ABM_Audiences__c).toBe("Renewals;Tier 1;Expansion");
    await runSalesforce({
      settings: sf.settings(),
      snapshot,
      audiences: [
        { ...tier1, memberIds: accounts.slice(1) },
        { ...tier1, audienceId: "expansion", audienceName: "Expansion" },
      ],
      state,
    });
    expect(sf.fake.org.get("Account", a)!.ABM_Audiences__c).toBe("Renewals;Expansion");
    expect(sf.fake.org.get("Account", fakeId("Account", 2))!.ABM_Audiences__c).toBe("Tier 1;Expansion");
  });

  it("sets and clears a checkbox per audience, and puts person audiences on a Contact field when asked", async () => {
    const sf = await org(SIZE, {
      customFields: [
        { object: "Account", field: { name: "ABM_Tier_1__c", type: "boolean", updateable: true } },
        { object: "Contact", field: { name: "ABM_Buyer__c", type: "boolean", updateable: true } },
      ],
    });
    const settings = {
      ...sf.settings(),
      account: { kind: "checkbox", fields: { "tier-1": "ABM_Tier_1__c" } },
      person: { kind: "checkbox", object: "Contact", fields: { buyers: "ABM_Buyer__c" } },
    };
    const state = new MemoryStateStore();
    const first = await runSalesforce({ settings, snapshot, audiences: [tier1, buyers], state });
    expect(sf.fake.withMembership("Account", "ABM_Tier_1__c")).toHaveLength(SIZE);
    // every third person is a Lead: not matchable to a Contact field
    expect(sf.fake.withMembership("Contact", "ABM_Buyer__c")).toHaveLength(20);
    expect(first.failures.map((f) => f.code)).toEqual(Array(10).fill("SALESFORCE_NOT_MATCHABLE"));
    await runSalesforce({ settings, snapshot, audiences: [{ ...tier1, memberIds: accounts.slice(10) }, buyers], state });
    expect(sf.fake.withMembership("Account", "ABM_Tier_1__c")).toHaveLength(SIZE - 10);
    expect(sf.fake.org.get("Account", fakeId("Account", 1))!.ABM_Tier_1__c).toBe(false);
  });
});
