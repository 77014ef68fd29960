import { evaluate, type AudienceResult } from "@abm-kit/audience";
import { registrableDomain, type Snapshot } from "@abm-kit/core";
import { hashEmail } from "@abm-kit/destinations";
import { FAKE_CLIENT_SECRET, FAKE_REFRESH_TOKEN } from "@abm-kit/destination-linkedin/testing";
import { filterByConsent } from "@abm-kit/guardrails";
import { beforeAll, describe, expect, it } from "vitest";
import { buyingCommittees, buyingGroupGaps, competitiveDisplacement, crossSell, engagedPeopleHigh } from "../src/audiences/index.js";
import { runLinkedInSection, type LinkedInSectionResult } from "../src/linkedin-section.js";
import { loadSampleSnapshot } from "../src/sample/index.js";

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/**
 * The keys LinkedIn should hold for an audience, worked out from the snapshot
 * alone: a company by its website's registrable domain (else its name); a
 * person with advertising consent by the SHA-256 of the email.
 */
function expectedKeys(snapshot: Snapshot, result: AudienceResult): Set<string> {
  const keys = new Set<string>();
  if (result.type === "account") {
    for (const id of result.memberIds) {
      const row = snapshot.accounts.indexOf(id);
      const domain = registrableDomain(text(snapshot.accounts.value(row, "domain")));
      const name = text(snapshot.accounts.value(row, "name"));
      if (domain !== undefined) keys.add(`domain:${domain}`);
      else if (name !== undefined) keys.add(`name:${name.toLowerCase()}`);
    }
    return keys;
  }
  const rows = result.memberIds.map((id) => snapshot.persons.indexOf(id));
  for (const row of filterByConsent(snapshot, rows, { channel: "advertising" }).allowed) {
    const email = text(snapshot.persons.value(row, "email"));
    if (email !== undefined) keys.add(`sha256:${hashEmail(email)}`);
  }
  return keys;
}

describe("the demo's LinkedIn section", () => {
  let snapshot: Snapshot;
  let audiences: AudienceResult[];
  let outcome: LinkedInSectionResult;
  const lines: string[] = [];

  beforeAll(async () => {
    const sample = await loadSampleSnapshot();
    snapshot = sample.snapshot;
    audiences = [buyingGroupGaps, crossSell, competitiveDisplacement, engagedPeopleHigh, buyingCommittees].map((a) =>
      evaluate(a, snapshot, { now: sample.now }),
    );
    outcome = await runLinkedInSection((line) => lines.push(line), { snapshot, now: sample.now, audiences });
  });

  it("leaves the fake holding exactly each audience's members that have a usable identifier", () => {
    expect(outcome.segments.map((s) => [s.audienceId, s.type])).toEqual(audiences.map((a) => [a.audienceId, a.type === "account" ? "COMPANY" : "USER"]));
    for (const audience of audiences) {
      const segment = outcome.segments.find((s) => s.audienceId === audience.audienceId)!;
      const expected = expectedKeys(snapshot, audience);
      expect(expected.size, audience.audienceId).toBeGreaterThan(0);
      expect(new Set(segment.members.map((m) => m.key)), audience.audienceId).toEqual(expected);
      expect(segment.members, audience.audienceId).toHaveLength(expected.size);
    }
    const committee = audiences.find((a) => a.audienceId === buyingCommittees.id)!;
    // The consent rule matters here: some of the committee opted out of advertising.
    expect(expectedKeys(snapshot, committee).size).toBeLessThan(committee.size);
    expect(outcome.first.totals.failed).toBe(0);
    expect(outcome.first.totals.exported).toBe(outcome.segments.reduce((n, s) => n + s.members.length, 0));
  });

  it("sends members on the first run and no member request on the second", () => {
    expect(outcome.memberRequests.first).toBeGreaterThanOrEqual(audiences.length);
    expect(outcome.memberRequests.second).toBe(0);
    expect(outcome.second.totals).toMatchObject({ exported: 0, removed: 0, failed: 0 });
    expect(outcome.second.audiences.map((a) => a.existing)).toEqual(outcome.segments.map((s) => s.members.length));
  });

  it("reads each segment's status and warns below LinkedIn's 300 matched members", () => {
    expect(outcome.statuses.map((s) => s.audienceId)).toEqual(audiences.map((a) => a.audienceId));
    for (const status of outcome.statuses) {
      const held = outcome.segments.find((s) => s.audienceId === status.audienceId)!.members.length;
      expect(status.status).toBe("READY");
      expect(status.matchedCount).toBe(held);
      expect(status.warnings.some((w) => w.includes("below LinkedIn's minimum of 300"))).toBe(true);
    }
  });

  it("prints every segment and no credential", () => {
    const output = lines.join("\n");
    for (const s of outcome.segments) expect(output).toContain(`"${s.name}"  ${s.type}  ${s.members.length} members`);
    expect(output).toContain("The fake LinkedIn is closed.");
    expect(output).not.toContain(FAKE_REFRESH_TOKEN);
    expect(output).not.toContain(FAKE_CLIENT_SECRET);
    expect(output).not.toMatch(/[0-9a-f]{64}/);
  });
});
