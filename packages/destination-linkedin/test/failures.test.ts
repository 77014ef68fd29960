import { afterEach, describe, expect, it } from "vitest";
import { ActionRequiredError, MemoryStateStore } from "@abm-kit/destinations";
import { LinkedInActionRequiredError, linkedInDestination } from "@abm-kit/destination-linkedin";
import { startFakeLinkedIn, type FakeLinkedInOptions, type FakeLinkedInServer } from "@abm-kit/destination-linkedin/testing";
import { FAKE_NOW, idsOf, linkedInSnapshot } from "./helpers/fixture.js";
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

const snapshot = linkedInSnapshot(30);
const accounts = (n = 30) => [{ audienceId: "tier-1", type: "account" as const, memberIds: idsOf(snapshot, "account").slice(0, n) }];
const persons = (n = 30) => [{ audienceId: "buyers", type: "person" as const, memberIds: idsOf(snapshot, "person").slice(0, n) }];
/** The adapter with small runtime batches, so a run makes several member requests. */
const tenPerBatch = { ...linkedInDestination, limits: { ...linkedInDestination.limits, maxBatchSize: 10 } };

describe("LinkedIn failures", () => {
  it("refreshes an expired access token once and repeats the request", async () => {
    let expired = false;
    const linkedin: FakeLinkedInServer = await start({
      onRequest: (r) => {
        if (r.kind === "users" && !expired) {
          expired = true;
          linkedin.fake.expireAccessTokens();
        }
      },
    });
    const report = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences: persons(), definition: tenPerBatch });
    expect(report.failureCount).toBe(0);
    expect(report.tokenRefreshes).toBe(1);
    expect(linkedin.fake.issuedAccessTokens).toHaveLength(2);
    expect(linkedin.fake.requests.filter((r) => r.status === 401).map((r) => r.kind)).toEqual(["users"]);
    expect(linkedin.fake.members(report.audiences[0]!.externalId!)).toHaveLength(30);
  });

  it("stops the run with a re-authorise message when the refresh token is refused (invalid_grant)", async () => {
    const linkedin = await start();
    linkedin.fake.revokeRefreshTokens();
    const error = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences: [...accounts(), ...persons()] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkedInActionRequiredError);
    expect(error).toBeInstanceOf(ActionRequiredError);
    expect(error).toMatchObject({ code: "LINKEDIN_REAUTHORIZATION_REQUIRED", setting: "refreshToken" });
    // the run ends with its partial report, status actionRequired, the message among its warnings
    const report = (error as ActionRequiredError).report!;
    expect(report.status).toBe("actionRequired");
    expect(report.warnings.join(" ")).toMatch(/Authorise the app again/);
    expect(report.requests).toBe(1);
    expect((error as Error).message).toMatch(/Authorise the app again/);
    // one token request, then nothing: the second audience is not tried
    expect(linkedin.fake.requests.map((r) => r.kind)).toEqual(["token"]);
  });

  it("stops mid-run when a refresh after an expired token is refused, keeping what was confirmed", async () => {
    const state = new MemoryStateStore();
    let seen = 0;
    const linkedin: FakeLinkedInServer = await start({
      onRequest: (r) => {
        if (r.kind === "companies" && ++seen === 2) {
          linkedin.fake.expireAccessTokens();
          linkedin.fake.revokeRefreshTokens();
        }
      },
    });
    const error = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences: accounts(), definition: tenPerBatch, state }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "LINKEDIN_REAUTHORIZATION_REQUIRED" });
    const held = (await state.load("linkedin-test/linkedin"))!.audiences["tier-1"]!.members;
    expect(Object.keys(held)).toHaveLength(20);
  });

  it("stops naming the clientId / clientSecret settings when the client is refused (invalid_client)", async () => {
    const linkedin = await start();
    const error = await runLinkedIn({ settings: { ...linkedin.settings(), clientSecret: "wrong-secret-value" }, snapshot, audiences: accounts() }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "LINKEDIN_CLIENT_REJECTED", setting: "clientSecret" });
    expect((error as Error).message).toContain("clientId and clientSecret settings");
    expect((error as Error).message).not.toContain("wrong-secret-value");
  });

  it("stops naming the linkedInVersion setting when LinkedIn answers 426 for a sunset version, and works with a current one", async () => {
    const linkedin = await start({ now: "2028-03-01T00:00:00.000Z" });
    const error = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences: accounts() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "LINKEDIN_VERSION_SUNSET", setting: "linkedInVersion" });
    expect((error as Error).message).toMatch(/Set the linkedInVersion setting/);
    expect((error as Error).message).toContain("202607");
    expect(linkedin.fake.segments()).toEqual([]);
    const report = await runLinkedIn({ settings: { ...linkedin.settings(), linkedInVersion: "202802" }, snapshot, audiences: accounts() });
    expect(report.totals.exported).toBe(30);
  });

  it("stops naming the adAccountId setting when LinkedIn answers 403", async () => {
    const linkedin = await start({ adAccounts: [111] });
    const error = await runLinkedIn({ settings: { ...linkedin.settings(), adAccountId: "222" }, snapshot, audiences: accounts() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "LINKEDIN_ACCESS_DENIED", setting: "adAccountId" });
    expect((error as Error).message).toContain("urn:li:sponsoredAccount:222");
  });

  it("waits out the 404s of a segment created seconds ago instead of failing", async () => {
    const clock = virtualClock();
    const linkedin = await start({ clock: clock.now, propagationDelayMs: 5000 });
    const report = await runLinkedIn({
      settings: { ...linkedin.settings(), segmentReadyDelayMs: 0, notReadyRetryAfterMs: 1000 },
      snapshot,
      audiences: persons(),
      clock,
    });
    expect(report.failureCount).toBe(0);
    // waits of at least 1 s, then the runtime's backoff (random 0.5: 1, 1, 2, 4 s): the fifth try is past the 5 s
    expect(linkedin.fake.requests.filter((r) => r.kind === "users").map((r) => r.status)).toEqual([404, 404, 404, 404, 200]);
    expect(linkedin.fake.members(report.audiences[0]!.externalId!)).toHaveLength(30);
  });

  it("fails the batch's members (and goes on) when a segment keeps answering 404", async () => {
    const clock = virtualClock();
    const linkedin = await start({ clock: clock.now, propagationDelayMs: 10 * 60_000 });
    const report = await runLinkedIn({
      settings: { ...linkedin.settings(), segmentReadyDelayMs: 0, notReadyRetryAfterMs: 1000 },
      snapshot,
      audiences: persons(5),
      clock,
    });
    expect(report.status).toBe("completedWithFailures");
    expect(report.failures.map((f) => f.code)).toEqual(Array(5).fill("SEGMENT_NOT_READY"));
    expect(linkedin.fake.requests.filter((r) => r.kind === "users")).toHaveLength(linkedInDestination.retry.maxAttempts);
  });

  it("fails a batch at once when a segment this run did not create answers 404 (deleted), and the next run refills a new one", async () => {
    let armed = false;
    let deleted: string | undefined;
    const linkedin: FakeLinkedInServer = await start({
      onRequest: (r) => {
        // deleted right after the run found it, before the members go out
        if (armed && deleted === undefined && r.kind === "getSegment") {
          deleted = r.path.split("/").pop()!;
          linkedin.fake.deleteSegment(deleted);
        }
      },
    });
    const state = new MemoryStateStore();
    const first = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences: accounts(10), state });
    expect(first.failureCount).toBe(0);
    armed = true;
    const before = linkedin.fake.requests.length;
    const second = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences: accounts(12), state });
    expect(deleted).toBe(first.audiences[0]!.externalId);
    expect(second.status).toBe("completedWithFailures");
    expect(second.failures.map((f) => f.code)).toEqual(["SEGMENT_NOT_FOUND", "SEGMENT_NOT_FOUND"]);
    // no retries of a 404 for a segment the run did not create
    expect(
      linkedin.fake.requests
        .slice(before)
        .filter((r) => r.kind === "companies")
        .map((r) => r.status),
    ).toEqual([404]);
    const third = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences: accounts(12), state });
    expect(third.failureCount).toBe(0);
    expect(linkedin.fake.members(third.audiences[0]!.externalId!)).toHaveLength(12);
  });

  it("retries after a 429 without Retry-After, waiting rateLimitWaitMs", async () => {
    const clock = virtualClock();
    const linkedin = await start({ clock: clock.now, rateLimits: { companies: 2 } });
    const report = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences: accounts(), definition: tenPerBatch, clock });
    expect(report.failureCount).toBe(0);
    expect(report.retries).toBe(1);
    expect(linkedin.fake.requests.filter((r) => r.kind === "companies").map((r) => r.status)).toEqual([200, 200, 429, 200]);
    expect(linkedin.fake.members(report.audiences[0]!.externalId!)).toHaveLength(30);
  });

  it("maps each refused element to that member's failure and keeps the others", async () => {
    const refused = new Set(["fixture-00003.com", "fixture-00007.com"]);
    const linkedin = await start({ rejectMember: (e) => (refused.has(e.companyWebsiteDomain as string) ? "this company cannot be matched" : undefined) });
    const state = new MemoryStateStore();
    const report = await runLinkedIn({ settings: linkedin.settings(), snapshot, audiences: accounts(10), state });
    expect(report.status).toBe("completedWithFailures");
    expect(report.failures).toEqual([
      { audienceId: "tier-1", memberId: "acc-00003", action: "add", code: "LINKEDIN_ITEM_400", message: "this company cannot be matched" },
      { audienceId: "tier-1", memberId: "acc-00007", action: "add", code: "LINKEDIN_ITEM_400", message: "this company cannot be matched" },
    ]);
    expect(report.totals.exported).toBe(8);
    const held = Object.keys((await state.load("linkedin-test/linkedin"))!.audiences["tier-1"]!.members);
    expect(held).not.toContain("acc-00003");
    expect(held).toHaveLength(8);
  });
});
