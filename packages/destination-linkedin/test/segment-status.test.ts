import { afterEach, describe, expect, it } from "vitest";
import { readSegmentStatus } from "@abm-kit/destination-linkedin";
import { startFakeLinkedIn, type FakeLinkedInOptions, type FakeLinkedInServer } from "@abm-kit/destination-linkedin/testing";
import { FAKE_NOW, idsOf, linkedInSnapshot, RUN_NOW } from "./helpers/fixture.js";
import { runLinkedIn, virtualClock } from "./helpers/run.js";

const servers: FakeLinkedInServer[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
});

async function start(options: FakeLinkedInOptions = {}): Promise<FakeLinkedInServer> {
  const s = await startFakeLinkedIn({ now: FAKE_NOW, propagationDelayMs: 0, ...options });
  servers.push(s);
  return s;
}

describe("readSegmentStatus", () => {
  it("reads each segment's status, matchedCount and audienceSize after a run and warns below 300 matched members", async () => {
    const clock = virtualClock();
    const snapshot = linkedInSnapshot(400);
    // one in four users does not match a LinkedIn member
    const linkedin = await start({ clock: clock.now, processingDelayMs: 60_000, match: (m) => !/[0-3]$/.test(m.key) });
    const settings = linkedin.settings();
    const report = await runLinkedIn({
      settings,
      snapshot,
      clock,
      audiences: [
        { audienceId: "tier-1", type: "account", memberIds: idsOf(snapshot, "account") },
        { audienceId: "buyers", type: "person", memberIds: idsOf(snapshot, "person").slice(0, 350) },
      ],
    });
    const building = await readSegmentStatus({ settings, report, now: RUN_NOW });
    expect(building.map((s) => [s.audienceId, s.status, s.matchedCount, s.segment?.inputCount])).toEqual([
      ["tier-1", "BUILDING", 400, 400],
      ["buyers", "BUILDING", expect.any(Number), 350],
    ]);
    const buyers = building[1]!;
    expect(buyers.matchedCount).toBeLessThan(300);
    expect(buyers.audienceSize).toBe(buyers.matchedCount);
    expect(buyers.warnings).toEqual([
      "LinkedIn is still processing the segment (BUILDING); the first processing can take up to 48 hours",
      `${buyers.matchedCount} matched members are below LinkedIn's minimum of 300 for campaigns`,
    ]);
    clock.advance(60_000);
    const ready = await readSegmentStatus({ settings, report, now: RUN_NOW });
    expect(ready.map((s) => [s.status, s.warnings.length])).toEqual([
      ["READY", 0],
      ["READY", 1],
    ]);
    expect(ready[0]!.segment?.destinationSegmentId).toMatch(/^urn:li:adSegment:\d+$/);
  });

  it("refreshes an expired token once, and reports a deleted segment as NOT_FOUND", async () => {
    let reads = 0;
    let armed = false;
    const linkedin: FakeLinkedInServer = await start({
      onRequest: (r) => {
        if (armed && r.kind === "getSegment" && ++reads === 1) linkedin.fake.expireAccessTokens();
      },
    });
    const snapshot = linkedInSnapshot(3);
    const settings = linkedin.settings();
    const report = await runLinkedIn({
      settings,
      snapshot,
      audiences: [
        { audienceId: "tier-1", type: "account", memberIds: idsOf(snapshot, "account") },
        { audienceId: "buyers", type: "person", memberIds: idsOf(snapshot, "person") },
      ],
    });
    const tokens = linkedin.fake.issuedAccessTokens.length;
    const before = linkedin.fake.requests.length;
    armed = true;
    const statuses = await readSegmentStatus({ settings: { ...settings, minMatchedMembers: 2 }, report, now: RUN_NOW });
    expect(statuses.map((s) => [s.audienceId, s.status, s.matchedCount])).toEqual([
      ["tier-1", "BUILDING", 3],
      ["buyers", "BUILDING", 3],
    ]);
    expect(statuses.flatMap((s) => s.warnings).some((w) => w.includes("below"))).toBe(false);
    // one token to start, one after the 401 on the second read
    expect(linkedin.fake.issuedAccessTokens.length).toBe(tokens + 2);
    expect(
      linkedin.fake.requests
        .slice(before)
        .filter((r) => r.kind === "getSegment")
        .map((r) => r.status),
    ).toEqual([200, 401, 200]);

    const id = report.audiences[0]!.externalId!;
    linkedin.fake.deleteSegment(id);
    const gone = await readSegmentStatus({ settings, segmentIds: [id], now: RUN_NOW });
    expect(gone).toEqual([
      expect.objectContaining({
        status: "NOT_FOUND",
        segment: undefined,
        warnings: ["the segment no longer exists at LinkedIn; the next run creates a new one"],
      }),
    ]);
  });
});
