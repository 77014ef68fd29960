import { afterEach, describe, expect, it } from "vitest";
import { activate, MemoryStateStore, type ActivationPlanInput } from "@abm-kit/destinations";
import { salesforceDestination, type SalesforceSettingsInput } from "@abm-kit/destination-salesforce";
import { startFakeSalesforce, type FakeSalesforceServer } from "@abm-kit/destination-salesforce/testing";
import { idsOf, MAPPING, memberIdsByRecord, orgRecords, RUN_NOW, salesforceSnapshot } from "./helpers/fixture.js";

const servers: FakeSalesforceServer[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
});

async function org(size: number, options: Parameters<typeof startFakeSalesforce>[0] = {}) {
  const server = await startFakeSalesforce({ ...orgRecords(size), ...options });
  servers.push(server);
  return server;
}

const plan = (settings: SalesforceSettingsInput, audiences: string[]): ActivationPlanInput => ({
  id: "sf",
  destination: { id: "salesforce", settings },
  audiences: audiences.map((audienceId) => ({ audienceId })),
  mapping: MAPPING,
});

describe("activating to Salesforce", () => {
  it("adds a person audience to a new campaign and an account audience to the names field, then removes who left", async () => {
    const snapshot = salesforceSnapshot(30, 2);
    const sf = await org(30);
    const state = new MemoryStateStore();
    const people = idsOf(snapshot, "person");
    const accounts = idsOf(snapshot, "account");
    const run = (personIds: string[], accountIds: string[]) =>
      activate(plan(sf.settings(), ["buyers", "tier-1"]), {
        destination: salesforceDestination,
        snapshot,
        audiences: [
          { audienceId: "buyers", audienceName: "Buyers", type: "person", memberIds: personIds },
          { audienceId: "tier-1", audienceName: "Tier 1", type: "account", memberIds: accountIds },
        ],
        now: RUN_NOW,
        state,
      });
    const first = await run(people, accounts);
    const byRecord = memberIdsByRecord(snapshot);
    const campaign = first.audiences[0]!.externalId!;
    expect(sf.fake.campaigns()).toEqual([{ id: campaign, name: "Buyers [buyers]" }]);
    expect(
      sf.fake
        .campaignMembers(campaign)
        .map((id) => byRecord.get(id))
        .sort(),
    ).toEqual(people.filter((p) => p.startsWith("per-")).sort());
    expect(sf.fake.withMembership("Account", "ABM_Audiences__c", "Tier 1").map((id) => byRecord.get(id))).toEqual(accounts);
    // the two people known only to Marketo are reported, never guessed
    expect(first.failures.map((f) => [f.memberId, f.code, f.message])).toEqual(
      ["mkto-0", "mkto-1"].map((id) => [
        id,
        "SALESFORCE_NOT_MATCHABLE",
        "no Salesforce Contact or Lead id among the member's source keys (it is known only to marketo); it is not matched by any other field",
      ]),
    );

    // the org's own count from Sforce-Limit-Info, as of the run's last answer
    expect(first.apiUsage?.reported).toEqual({ used: sf.fake.apiUsed, limit: sf.fake.dailyLimit });

    const buyers = people.filter((p) => p.startsWith("per-"));
    const second = await run([...buyers.slice(10), "mkto-0", "mkto-1"], accounts.slice(5));
    expect(second.audiences[0]).toMatchObject({ removed: 10 });
    expect(sf.fake.campaignMembers(campaign)).toHaveLength(20);
    expect(sf.fake.withMembership("Account", "ABM_Audiences__c", "Tier 1")).toHaveLength(25);
  });
});
