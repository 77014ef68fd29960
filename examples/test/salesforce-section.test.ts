import { evaluate, type AudienceResult } from "@abm-kit/audience";
import type { Snapshot } from "@abm-kit/core";
import { beforeAll, describe, expect, it } from "vitest";
import { buyingCommittees, crossSell } from "../src/audiences/index.js";
import { runSalesforceSection, type SalesforceSectionResult } from "../src/salesforce-section.js";
import { loadSampleSnapshot } from "../src/sample/index.js";

/** The Salesforce id of `object` an entity came from, by its source keys (Contact before Lead). */
function salesforceIdOf(keys: readonly string[], objects: readonly string[]): string | undefined {
  for (const object of objects) {
    const key = keys.find((k) => k.startsWith("salesforce/") && k.split("/")[2] === object);
    if (key !== undefined) return key.split("/")[3];
  }
  return undefined;
}

describe("the demo's Salesforce section", () => {
  let snapshot: Snapshot;
  let people: AudienceResult;
  let accounts: AudienceResult;
  let outcome: SalesforceSectionResult;
  const lines: string[] = [];

  beforeAll(async () => {
    const sample = await loadSampleSnapshot();
    snapshot = sample.snapshot;
    people = evaluate(buyingCommittees, snapshot, { now: sample.now });
    accounts = evaluate(crossSell, snapshot, { now: sample.now });
    outcome = await runSalesforceSection((line) => lines.push(line), { snapshot, now: sample.now, audiences: [people, accounts] });
  });

  it("puts every person with a Salesforce Contact or Lead id into the campaign and reports the others", () => {
    const expected = new Set<string>();
    let marketoOnly = 0;
    for (const id of people.memberIds) {
      const recordId = salesforceIdOf(snapshot.persons.sourceKeysOf(snapshot.persons.indexOf(id)), ["Contact", "Lead"]);
      if (recordId === undefined) marketoOnly++;
      else expected.add(recordId);
    }
    expect(expected.size).toBeGreaterThan(0);
    expect([...outcome.campaign.members]).toEqual([...expected].sort());
    expect(outcome.first.failures.filter((f) => f.code === "SALESFORCE_NOT_MATCHABLE")).toHaveLength(marketoOnly);
    expect(outcome.first.failureCount).toBe(marketoOnly);
  });

  it("marks exactly the audience's Accounts and sends nothing on an unchanged second run", () => {
    const expected = accounts.memberIds
      .map((id) => salesforceIdOf(snapshot.accounts.sourceKeysOf(snapshot.accounts.indexOf(id)), ["Account"]))
      .filter((x): x is string => x !== undefined);
    expect(outcome.accountsMarked).toEqual(expected.sort());
    expect(outcome.accountsMarked.length).toBeGreaterThan(0);
    expect([outcome.second.totals.exported, outcome.second.totals.removed]).toEqual([0, 0]);
    expect(outcome.apiUsage.used).toBeGreaterThan(0);
    expect(lines.some((l) => l.startsWith("  Campaign "))).toBe(true);
  });
});
