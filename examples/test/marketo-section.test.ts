import { evaluate, type AudienceResult } from "@abm-kit/audience";
import type { Snapshot } from "@abm-kit/core";
import { FAKE_CLIENT_SECRET } from "@abm-kit/destination-marketo/testing";
import { filterByConsent } from "@abm-kit/guardrails";
import { beforeAll, describe, expect, it } from "vitest";
import { idealCustomerProfile, marketingLeaders } from "../src/audiences/index.js";
import { runMarketoSection, type MarketoSectionResult } from "../src/marketo-section.js";
import { loadSampleSnapshot } from "../src/sample/index.js";

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

describe("the demo's Marketo section", () => {
  let snapshot: Snapshot;
  let person: AudienceResult;
  let account: AudienceResult;
  let outcome: MarketoSectionResult;
  const lines: string[] = [];

  beforeAll(async () => {
    const sample = await loadSampleSnapshot();
    snapshot = sample.snapshot;
    person = evaluate(marketingLeaders, snapshot, { now: sample.now });
    account = evaluate(idealCustomerProfile, snapshot, { now: sample.now });
    outcome = await runMarketoSection((line) => lines.push(line), { snapshot, now: sample.now, person, account });
  });

  it("leaves a static list holding the audience's people with email consent, and a named account list holding its accounts", () => {
    const rows = person.memberIds.map((id) => snapshot.persons.indexOf(id));
    const emails = filterByConsent(snapshot, rows, { channel: "email" })
      .allowed.map((row) => text(snapshot.persons.value(row, "email"))!.toLowerCase())
      .sort();
    expect(emails.length).toBeGreaterThan(0);
    const names = account.memberIds.map((id) => text(snapshot.accounts.value(snapshot.accounts.indexOf(id), "name"))!).sort();
    expect(outcome.lists.map((l) => [l.audienceId, l.kind, l.members])).toEqual([
      [person.audienceId, "static list", emails],
      [account.audienceId, "named account list", names],
    ]);
    expect(outcome.first.totals).toMatchObject({ exported: emails.length + names.length, failed: 0 });
    expect(outcome.leads.duplicates).toBe(0);
    expect(outcome.leads.created).toBeGreaterThan(0);
  });

  it("sends nothing on the second run and counts both runs' calls against the day's budget", () => {
    expect(outcome.memberRequests.first).toBeGreaterThanOrEqual(2);
    expect(outcome.memberRequests.second).toBe(0);
    expect(outcome.second.totals).toMatchObject({ exported: 0, removed: 0, failed: 0 });
    expect(outcome.second.apiUsage).toMatchObject({ callsBeforeRun: outcome.first.requests, callsThisRun: outcome.second.requests, dailyBudget: 50_000 });
  });

  it("prints both lists and no credential", () => {
    const output = lines.join("\n");
    for (const l of outcome.lists) expect(output).toContain(`${l.kind} "${l.name}"`);
    expect(output).toContain("The fake Marketo is closed.");
    expect(output).not.toContain(FAKE_CLIENT_SECRET);
  });
});
