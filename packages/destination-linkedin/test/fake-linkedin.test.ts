import { afterEach, describe, expect, it } from "vitest";
import { startFakeLinkedIn, type FakeLinkedInOptions, type FakeLinkedInServer } from "@abm-kit/destination-linkedin/testing";
import { accessToken, manualClock, raw, restHeaders } from "./helpers/http.js";

// Every rule of the fake, over real sockets: what it accepts and what it refuses, with which status and envelope.

const NOW = "2026-12-02T10:00:00.000Z";
const HASH = "a".repeat(64);
const servers: FakeLinkedInServer[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
});

async function start(options: FakeLinkedInOptions = {}): Promise<FakeLinkedInServer> {
  const s = await startFakeLinkedIn({ now: NOW, propagationDelayMs: 0, ...options });
  servers.push(s);
  return s;
}

const segmentBody = (overrides: Record<string, unknown> = {}) => ({
  name: "Tier 1 [tier-1]",
  sourcePlatform: "LIST_UPLOAD",
  account: "urn:li:sponsoredAccount:507404993",
  accessPolicy: "PRIVATE",
  type: "COMPANY",
  destinations: [{ destination: "LINKEDIN" }],
  ...overrides,
});

async function createSegment(s: FakeLinkedInServer, token: string, type: "USER" | "COMPANY" = "COMPANY"): Promise<string> {
  const answer = await raw(s.url, "/rest/dmpSegments", { headers: restHeaders(token), json: segmentBody({ type, name: `segment ${type}` }) });
  expect(answer.status).toBe(201);
  return answer.headers.get("x-restli-id")!;
}

const batch = (token: string) => ({ ...restHeaders(token), "x-restli-method": "BATCH_CREATE" });

describe("fake LinkedIn: OAuth refresh-token grant", () => {
  it("exchanges a refresh token for an access token and returns the same refresh token with its remaining life", async () => {
    const s = await start();
    const answer = await raw(s.url, "/oauth/v2/accessToken", {
      form: { grant_type: "refresh_token", refresh_token: "fake-refresh-token", client_id: "abm-kit-test-client", client_secret: "fake-client-secret" },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ access_token: expect.any(String), expires_in: 5_184_000, refresh_token: "fake-refresh-token" });
    expect(answer.body.refresh_token_expires_in).toBeGreaterThan(31_535_000);
    expect(s.fake.issuedAccessTokens).toEqual([answer.body.access_token]);
  });

  it("refuses a wrong client with 401 invalid_client", async () => {
    const s = await start();
    const answer = await raw(s.url, "/oauth/v2/accessToken", {
      form: { grant_type: "refresh_token", refresh_token: "fake-refresh-token", client_id: "abm-kit-test-client", client_secret: "wrong" },
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe("invalid_client");
  });

  it("refuses an unknown, revoked or expired refresh token with 400 invalid_grant", async () => {
    const clock = manualClock();
    const s = await start({ clock: clock.now, refreshTokens: ["rt-1", "rt-2"], refreshTokenTtlSeconds: 60 });
    const grant = (refresh_token: string) =>
      raw(s.url, "/oauth/v2/accessToken", {
        form: { grant_type: "refresh_token", refresh_token, client_id: "abm-kit-test-client", client_secret: "fake-client-secret" },
      });
    expect((await grant("nope")).body).toMatchObject({ error: "invalid_grant", error_description: expect.any(String) });
    expect((await grant("rt-1")).status).toBe(200);
    s.fake.revokeRefreshTokens("rt-1");
    const revoked = await grant("rt-1");
    expect([revoked.status, revoked.body.error]).toEqual([400, "invalid_grant"]);
    expect((await grant("rt-2")).status).toBe(200);
    clock.advance(61_000);
    const expired = await grant("rt-2");
    expect([expired.status, expired.body.error]).toEqual([400, "invalid_grant"]);
  });

  it("wants a form-encoded refresh_token grant", async () => {
    const s = await start();
    const json = await raw(s.url, "/oauth/v2/accessToken", { json: { grant_type: "refresh_token", refresh_token: "fake-refresh-token" } });
    expect([json.status, json.body.error]).toEqual([400, "invalid_request"]);
    const other = await raw(s.url, "/oauth/v2/accessToken", {
      form: { grant_type: "client_credentials", client_id: "abm-kit-test-client", client_secret: "fake-client-secret" },
    });
    expect([other.status, other.body.error]).toEqual([400, "unsupported_grant_type"]);
  });
});

describe("fake LinkedIn: headers every REST call needs", () => {
  it("answers 400 VERSION_MISSING without LinkedIn-Version", async () => {
    const s = await start();
    const token = await accessToken(s.url);
    const { "linkedin-version": _, ...headers } = restHeaders(token);
    const answer = await raw(s.url, "/rest/dmpSegments?q=account&account=urn%3Ali%3AsponsoredAccount%3A1", { headers });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: 400, code: "VERSION_MISSING", message: expect.any(String) });
  });

  it("answers 426 NONEXISTENT_VERSION for a sunset, future, malformed or unknown version", async () => {
    const s = await start({ knownVersions: ["202512", "202601", "202611"] });
    const token = await accessToken(s.url);
    const ask = (version: string) => raw(s.url, "/rest/dmpSegments/1", { headers: restHeaders(token, version) });
    // now is 2026-12: 202511 is 13 months old (sunset); 202701 is in the future; 202601 exists but 202602 is not known.
    for (const version of ["202511", "202701", "2026-11", "202613", "202602"]) {
      const answer = await ask(version);
      expect(answer.status, version).toBe(426);
      expect(answer.body).toMatchObject({ status: 426, code: "NONEXISTENT_VERSION", message: `Requested version ${version} is not active` });
    }
    for (const version of ["202512", "202601", "202611"]) expect((await ask(version)).status, version).toBe(404); // active: the segment just does not exist
  });

  it("answers 401 with serviceErrorCode 65600 / 65601 / 65602 for a missing, revoked or expired token", async () => {
    const clock = manualClock();
    const s = await start({ clock: clock.now, accessTokenTtlSeconds: 60 });
    const get = (token: string) => raw(s.url, "/rest/dmpSegments/1", { headers: restHeaders(token) });
    expect((await get("")).body).toMatchObject({ status: 401, serviceErrorCode: 65600 });
    const a = await accessToken(s.url);
    expect((await get(a)).status).toBe(404);
    s.fake.expireAccessTokens();
    expect((await get(a)).body).toMatchObject({ status: 401, serviceErrorCode: 65602, message: "The token used in the request has expired" });
    const b = await accessToken(s.url);
    s.fake.revokeAccessTokens();
    expect((await get(b)).body).toMatchObject({ status: 401, serviceErrorCode: 65601 });
    const c = await accessToken(s.url);
    clock.advance(60_000);
    expect((await get(c)).body).toMatchObject({ status: 401, serviceErrorCode: 65602 });
  });

  it("answers 400 without X-Restli-Protocol-Version: 2.0.0", async () => {
    const s = await start();
    const token = await accessToken(s.url);
    const answer = await raw(s.url, "/rest/dmpSegments/1", { headers: { ...restHeaders(token), "x-restli-protocol-version": "1.0.0" } });
    expect(answer.status).toBe(400);
  });
});

describe("fake LinkedIn: DMP segments", () => {
  it("creates a segment (201, id in x-restli-id) and finds it by account and by id", async () => {
    const clock = manualClock();
    const s = await start({ clock: clock.now, processingDelayMs: 1000 });
    const token = await accessToken(s.url);
    const id = await createSegment(s, token);
    expect(id).toMatch(/^\d+$/);
    const found = await raw(s.url, "/rest/dmpSegments?q=account&account=urn%3Ali%3AsponsoredAccount%3A507404993", { headers: restHeaders(token) });
    expect(found.status).toBe(200);
    expect(found.body.paging).toMatchObject({ start: 0, total: 1 });
    expect(found.body.elements[0]).toMatchObject({
      id: Number(id),
      name: "segment COMPANY",
      type: "COMPANY",
      destinations: [{ destination: "LINKEDIN", status: "BUILDING" }],
      audienceSize: 0,
      matchedCount: 0,
      inputCount: 0,
    });
    clock.advance(1000);
    const one = await raw(s.url, `/rest/dmpSegments/${id}`, { headers: restHeaders(token) });
    expect(one.body.destinations[0].status).toBe("READY");
    const other = await raw(s.url, "/rest/dmpSegments?q=account&account=urn%3Ali%3AsponsoredAccount%3A42", { headers: restHeaders(token) });
    expect(other.body.elements).toEqual([]);
  });

  it("sends the id in the configured headers", async () => {
    const s = await start({ idHeaders: ["x-linkedin-id"] });
    const token = await accessToken(s.url);
    const answer = await raw(s.url, "/rest/dmpSegments", { headers: restHeaders(token), json: segmentBody() });
    expect(answer.headers.get("x-restli-id")).toBeNull();
    expect(answer.headers.get("x-linkedin-id")).toMatch(/^\d+$/);
  });

  it("refuses a bad segment body with one 400 naming every problem", async () => {
    const s = await start();
    const token = await accessToken(s.url);
    const answer = await raw(s.url, "/rest/dmpSegments", {
      headers: restHeaders(token),
      json: { name: "", sourcePlatform: "list", account: "507404993", accessPolicy: "SECRET", type: "ACCOUNT", destinations: [], color: "red" },
    });
    expect(answer.status).toBe(400);
    for (const field of ["color", "name", "sourcePlatform", "account", "accessPolicy", "type", "destinations"])
      expect(answer.body.message).toContain(`/${field}`);
    expect(s.fake.segments()).toEqual([]);
  });

  it("answers 403 for an ad account the member may not manage", async () => {
    const s = await start({ adAccounts: [111] });
    const token = await accessToken(s.url);
    const answer = await raw(s.url, "/rest/dmpSegments", { headers: restHeaders(token), json: segmentBody() });
    expect(answer.body).toMatchObject({ status: 403, serviceErrorCode: 100 });
    const finder = await raw(s.url, "/rest/dmpSegments?q=account&account=urn%3Ali%3AsponsoredAccount%3A507404993", { headers: restHeaders(token) });
    expect(finder.status).toBe(403);
  });

  it("pages the account finder and refuses bad finder parameters", async () => {
    const s = await start();
    const token = await accessToken(s.url);
    for (let i = 0; i < 3; i++) await createSegment(s, token);
    const page = await raw(s.url, "/rest/dmpSegments?q=account&account=urn%3Ali%3AsponsoredAccount%3A507404993&start=1&count=1", {
      headers: restHeaders(token),
    });
    expect(page.body.elements).toHaveLength(1);
    expect(page.body.paging).toMatchObject({ start: 1, count: 1, total: 3 });
    expect((await raw(s.url, "/rest/dmpSegments?account=urn%3Ali%3AsponsoredAccount%3A507404993", { headers: restHeaders(token) })).status).toBe(400);
    expect(
      (await raw(s.url, "/rest/dmpSegments?q=account&account=urn%3Ali%3AsponsoredAccount%3A507404993&count=500", { headers: restHeaders(token) })).status,
    ).toBe(400);
    expect((await raw(s.url, "/rest/dmpSegments/99", { headers: restHeaders(token) })).body).toMatchObject({ status: 404 });
  });
});

describe("fake LinkedIn: segment companies and users", () => {
  it("answers 404 on member endpoints until the propagation delay has passed", async () => {
    const clock = manualClock();
    const s = await start({ clock: clock.now, propagationDelayMs: 5000 });
    const token = await accessToken(s.url);
    const id = await createSegment(s, token);
    const send = () => raw(s.url, `/rest/dmpSegments/${id}/companies`, { headers: batch(token), json: { elements: [{ action: "ADD", companyName: "Acme" }] } });
    expect((await send()).status).toBe(404);
    clock.advance(4999);
    expect((await send()).status).toBe(404);
    clock.advance(1);
    expect((await send()).status).toBe(200);
  });

  it("needs X-RestLi-Method: BATCH_CREATE and a body of elements", async () => {
    const s = await start();
    const token = await accessToken(s.url);
    const id = await createSegment(s, token);
    const elements = [{ action: "ADD", companyName: "Acme" }];
    expect((await raw(s.url, `/rest/dmpSegments/${id}/companies`, { headers: restHeaders(token), json: { elements } })).status).toBe(400);
    expect((await raw(s.url, `/rest/dmpSegments/${id}/companies`, { headers: batch(token), json: { items: elements } })).status).toBe(400);
    expect(s.fake.members(id)).toEqual([]);
  });

  it("refuses more than 5,000 elements in one request", async () => {
    const s = await start();
    const token = await accessToken(s.url);
    const id = await createSegment(s, token);
    const elements = Array.from({ length: 5001 }, (_, i) => ({ action: "ADD", companyName: `C${i}` }));
    const over = await raw(s.url, `/rest/dmpSegments/${id}/companies`, { headers: batch(token), json: { elements } });
    expect(over.status).toBe(400);
    expect(s.fake.members(id)).toEqual([]);
    const max = await raw(s.url, `/rest/dmpSegments/${id}/companies`, { headers: batch(token), json: { elements: elements.slice(0, 5000) } });
    expect(max.status).toBe(200);
    expect(s.fake.members(id)).toHaveLength(5000);
    expect(s.fake.requests.filter((r) => r.kind === "companies").map((r) => [r.batchSize, r.status])).toEqual([
      [5001, 400],
      [5000, 200],
    ]);
  });

  it("refuses the whole request for an unknown field or an action other than ADD/REMOVE", async () => {
    const s = await start();
    const token = await accessToken(s.url);
    const id = await createSegment(s, token, "USER");
    const good = { action: "ADD", userIds: [{ idType: "SHA256_EMAIL", idValue: HASH }] };
    for (const bad of [
      { ...good, email: "x@y.com" },
      { ...good, action: "UPSERT" },
      { action: "ADD", userIds: [{ idType: "SHA256_EMAIL", idValue: HASH, extra: 1 }] },
    ]) {
      const answer = await raw(s.url, `/rest/dmpSegments/${id}/users`, { headers: batch(token), json: { elements: [good, bad] } });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain("/elements/1");
    }
    expect(s.fake.members(id)).toEqual([]);
  });

  it("refuses single users with a malformed hash or over-long fields, applying the rest in input order", async () => {
    const s = await start();
    const token = await accessToken(s.url);
    const id = await createSegment(s, token, "USER");
    const user = (idValue: string, extra: Record<string, unknown> = {}) => ({ action: "ADD", userIds: [{ idType: "SHA256_EMAIL", idValue }], ...extra });
    const elements = [
      user(HASH),
      user("jane@acme.com"), // not hashed
      user("A".repeat(64)), // upper-case hex
      user("b".repeat(64), { firstName: "x".repeat(36) }),
      user("c".repeat(64), { title: "t".repeat(51) }),
      user("d".repeat(64), { country: "USA" }),
      user("e".repeat(64), { firstName: "x".repeat(35), lastName: "Ng", title: "t".repeat(50), company: "Acme", country: "us" }),
      { action: "ADD", userIds: [{ idType: "SHA512_EMAIL", idValue: "f".repeat(64) }] },
      { action: "ADD", userIds: [{ idType: "GOOGLE_AID", idValue: "38400000-8cf0-11bd-b23e-10b96e40000d" }] },
      { action: "ADD", userIds: [] },
    ];
    const answer = await raw(s.url, `/rest/dmpSegments/${id}/users`, { headers: batch(token), json: { elements } });
    expect(answer.status).toBe(200);
    expect(answer.body.elements.map((e: { status: number }) => e.status)).toEqual([201, 400, 400, 400, 400, 400, 201, 400, 201, 400]);
    expect(answer.body.elements[1].error.message).toMatch(/64 lower-case hex/);
    expect(s.fake.members(id).map((m) => m.key)).toEqual(["gaid:38400000-8cf0-11bd-b23e-10b96e40000d", `sha256:${HASH}`, `sha256:${"e".repeat(64)}`]);
    expect(s.fake.rejections.filter((r) => r.item !== undefined).map((r) => r.item)).toEqual([1, 2, 3, 4, 5, 7, 9]);
  });

  it("refuses single companies without an identifier or with a domain carrying a scheme or path", async () => {
    const s = await start();
    const token = await accessToken(s.url);
    const id = await createSegment(s, token);
    const elements = [
      {
        action: "ADD",
        companyWebsiteDomain: "acme.com",
        companyName: "Acme",
        city: "Austin",
        state: "TX",
        country: "US",
        postalCode: "78701",
        industries: ["Software"],
      },
      { action: "ADD", companyWebsiteDomain: "https://globex.com" },
      { action: "ADD", companyWebsiteDomain: "globex.com/about" },
      { action: "ADD", companyEmailDomain: "jane@initech.com" },
      { action: "ADD", organizationUrn: "1337" },
      { action: "ADD", companyPageUrl: "https://example.com/company/x" },
      { action: "ADD", city: "Paris" },
      { action: "ADD", organizationUrn: "urn:li:organization:1337", companyPageUrl: "https://www.linkedin.com/company/initech" },
      { action: "ADD", companyEmailDomain: "umbrella.co.uk", country: "United Kingdom" },
    ];
    const answer = await raw(s.url, `/rest/dmpSegments/${id}/companies`, { headers: batch(token), json: { elements } });
    expect(answer.body.elements.map((e: { status: number }) => e.status)).toEqual([201, 400, 400, 400, 400, 400, 400, 201, 400]);
    expect(s.fake.members(id).map((m) => m.key)).toEqual(["domain:acme.com", "org:urn:li:organization:1337"]);
  });

  it("answers 201 for re-adding a present member and removing an absent one; removes what is present", async () => {
    const s = await start();
    const token = await accessToken(s.url);
    const id = await createSegment(s, token);
    const send = (elements: unknown[]) => raw(s.url, `/rest/dmpSegments/${id}/companies`, { headers: batch(token), json: { elements } });
    await send([{ action: "ADD", companyWebsiteDomain: "acme.com" }]);
    const again = await send([
      { action: "ADD", companyWebsiteDomain: "acme.com", companyName: "Acme" },
      { action: "REMOVE", companyWebsiteDomain: "nowhere.com" },
    ]);
    expect(again.body.elements).toEqual([{ status: 201 }, { status: 201 }]);
    expect(s.fake.redundantAdds).toBe(1);
    expect(s.fake.redundantRemoves).toBe(1);
    await send([{ action: "REMOVE", companyWebsiteDomain: "acme.com" }]);
    expect(s.fake.members(id)).toEqual([]);
  });

  it("does not count an exact repeat of a request (a client's retry) as redundant", async () => {
    const s = await start();
    const token = await accessToken(s.url);
    const id = await createSegment(s, token);
    const body = { elements: [{ action: "ADD", companyWebsiteDomain: "acme.com" }] };
    await raw(s.url, `/rest/dmpSegments/${id}/companies`, { headers: batch(token), json: body });
    await raw(s.url, `/rest/dmpSegments/${id}/companies`, { headers: batch(token), json: body });
    expect(s.fake.redundantAdds).toBe(0);
    expect(s.fake.requests.filter((r) => r.kind === "companies").map((r) => r.replay)).toEqual([false, true]);
  });

  it("refuses users sent to a company segment", async () => {
    const s = await start();
    const token = await accessToken(s.url);
    const id = await createSegment(s, token);
    const answer = await raw(s.url, `/rest/dmpSegments/${id}/users`, {
      headers: batch(token),
      json: { elements: [{ action: "ADD", userIds: [{ idType: "SHA256_EMAIL", idValue: HASH }] }] },
    });
    expect(answer.status).toBe(400);
  });

  it("answers 429 without Retry-After over the per-minute limit of each endpoint", async () => {
    const clock = manualClock();
    const s = await start({ clock: clock.now, rateLimits: { users: 3, companies: 2 } });
    const token = await accessToken(s.url);
    const companies = await createSegment(s, token);
    const users = await createSegment(s, token, "USER");
    const sendCompany = () =>
      raw(s.url, `/rest/dmpSegments/${companies}/companies`, { headers: batch(token), json: { elements: [{ action: "ADD", companyName: "Acme" }] } });
    const sendUser = () =>
      raw(s.url, `/rest/dmpSegments/${users}/users`, {
        headers: batch(token),
        json: { elements: [{ action: "ADD", userIds: [{ idType: "SHA256_EMAIL", idValue: HASH }] }] },
      });
    expect([(await sendCompany()).status, (await sendCompany()).status]).toEqual([200, 200]);
    const limited = await sendCompany();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeNull();
    expect(limited.body).toMatchObject({ status: 429, message: expect.stringContaining("throttle") });
    expect([(await sendUser()).status, (await sendUser()).status, (await sendUser()).status, (await sendUser()).status]).toEqual([200, 200, 200, 429]);
    clock.advance(60_000);
    expect((await sendCompany()).status).toBe(200);
  });

  it("reports matched counts from the match function and READY after the processing delay", async () => {
    const clock = manualClock();
    const s = await start({ clock: clock.now, processingDelayMs: 2000, match: (m) => !m.key.endsWith("0") });
    const token = await accessToken(s.url);
    const id = await createSegment(s, token, "USER");
    const elements = ["0", "1", "2"].map((d) => ({ action: "ADD", userIds: [{ idType: "SHA256_EMAIL", idValue: d.repeat(64) }] }));
    await raw(s.url, `/rest/dmpSegments/${id}/users`, { headers: batch(token), json: { elements } });
    expect(s.fake.segment(id)).toMatchObject({ status: "BUILDING", matchedCount: 2, audienceSize: 2, inputCount: 3 });
    clock.advance(2000);
    expect(s.fake.segment(id)?.status).toBe("READY");
  });
});
