import { afterEach, describe, expect, it } from "vitest";
import { MemoryStateStore } from "@abm-kit/destinations";
import { startFakeSalesforce, type FakeSalesforceServer } from "@abm-kit/destination-salesforce/testing";
import { idsOf, orgRecords, salesforceSnapshot } from "./helpers/fixture.js";
import { runSalesforce } from "./helpers/run.js";

const servers: FakeSalesforceServer[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
});

const SIZE = 450;
const snapshot = salesforceSnapshot(SIZE);
const people = idsOf(snapshot, "person");
const accounts = idsOf(snapshot, "account");
const kinds = (sf: FakeSalesforceServer, from = 0) => {
  const out: Record<string, number> = {};
  for (const r of sf.requests.slice(from)) out[r.kind] = (out[r.kind] ?? 0) + 1;
  return out;
};

describe("without faults, member-carrying requests are exactly ⌈changed members / max batch⌉", () => {
  it("sObject Collections: ⌈n / 200⌉ writes per audience and action, plus token, find-or-create, describe and reads", async () => {
    const sf = await startFakeSalesforce(orgRecords(SIZE));
    servers.push(sf);
    const state = new MemoryStateStore();
    const audiences = (p: string[], a: string[]) => [
      { audienceId: "buyers", audienceName: "Buyers", type: "person" as const, memberIds: p },
      { audienceId: "tier-1", audienceName: "Tier 1", type: "account" as const, memberIds: a },
    ];
    const first = await runSalesforce({ settings: sf.settings(), snapshot, audiences: audiences(people, accounts), state });
    expect(first.totals.exported).toBe(2 * SIZE);
    // person: 3 inserts of ≤ 200 campaign members; account: 1 retrieve of ≤ 2,000 ids and 3 updates of ≤ 200
    expect(kinds(sf)).toEqual({ token: 1, query: 1, campaign: 1, describe: 1, retrieve: 1, collections: 3 + 3 });
    expect(sf.requests.filter((r) => r.kind === "collections").map((r) => r.records)).toEqual([200, 200, 50, 200, 200, 50]);

    const mark = sf.requests.length;
    const second = await runSalesforce({ settings: sf.settings(), snapshot, audiences: audiences(people.slice(250), accounts.slice(0, 199)), state });
    expect([second.totals.exported, second.totals.removed]).toEqual([0, 250 + 251]);
    // removals: campaign members found by SOQL (≤ 200 ids a query) and deleted ⌈250 / 200⌉ = 2 times; accounts read once, written ⌈251 / 200⌉ = 2 times
    expect(kinds(sf, mark)).toEqual({ token: 1, campaign: 1, query: 2, collections: 2 + 2, describe: 1, retrieve: 1 });
    expect(sf.fake.org.all("CampaignMember")).toHaveLength(200);
  });

  it("Bulk API 2.0: one job with one upload per batch above the threshold", async () => {
    const sf = await startFakeSalesforce({ ...orgRecords(SIZE), bulkPolls: 2 });
    servers.push(sf);
    const settings = { ...sf.settings(), bulkThreshold: 100 };
    const report = await runSalesforce({
      settings,
      snapshot,
      audiences: [{ audienceId: "buyers", audienceName: "Buyers", type: "person", memberIds: people }],
    });
    expect(report.failureCount).toBe(0);
    expect(kinds(sf)).toEqual({ token: 1, query: 1, campaign: 1, "bulk-create": 1, "bulk-upload": 1, "bulk-close": 1, "bulk-poll": 2, "bulk-results": 3 });
    expect(sf.requests.find((r) => r.kind === "bulk-upload")!.records).toBe(SIZE);
    // batches of 150 (above the threshold of 100): ⌈450 / 150⌉ = 3 jobs, one upload each
    const sf2 = await startFakeSalesforce({ ...orgRecords(SIZE), bulkPolls: 1 });
    servers.push(sf2);
    await runSalesforce({
      settings: { ...sf2.settings(), bulkThreshold: 100 },
      snapshot,
      audiences: [{ audienceId: "tier-1", audienceName: "Tier 1", type: "account", memberIds: accounts }],
      maxBatchSize: 150,
    });
    expect(sf2.requests.filter((r) => r.kind === "bulk-upload").map((r) => r.records)).toEqual([150, 150, 150]);
    expect(sf2.fake.jobs.size).toBe(3);
    expect(sf2.fake.withMembership("Account", "ABM_Audiences__c", "Tier 1")).toHaveLength(SIZE);
  });
});
