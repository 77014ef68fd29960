import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeId, startFakeSalesforce, type FakeSalesforceServer } from "@abm-kit/destination-salesforce/testing";
import { idsOf, orgRecords, salesforceSnapshot } from "./helpers/fixture.js";
import { runSalesforce } from "./helpers/run.js";

let sf: FakeSalesforceServer;
let token = "";
const v = "/services/data/v62.0";

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : body === undefined ? undefined : JSON.stringify(body);
  const res = await fetch(`${sf.url}${path}`, {
    method,
    body: text,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
  });
  const raw = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = raw;
  }
  return { status: res.status, body: json as never, headers: res.headers };
}
const form = (fields: Record<string, string>) =>
  fetch(`${sf.url}/services/oauth2/token`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, string> }));

beforeAll(async () => {
  sf = await startFakeSalesforce({ ...orgRecords(3), dailyLimit: 1000 });
  const c = sf.fake.credentials;
  token = (await form({ grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret })).body.access_token!;
});
afterAll(() => sf.close());

describe("the fake Salesforce refuses what Salesforce refuses", () => {
  it("token grants: wrong secret, unknown grant, refresh token and a bad JWT signature", async () => {
    const c = sf.fake.credentials;
    expect(await form({ grant_type: "client_credentials", client_id: c.clientId, client_secret: "nope" })).toEqual({
      status: 400,
      body: { error: "invalid_client", error_description: "invalid client credentials" },
    });
    expect((await form({ grant_type: "password" })).body.error).toBe("unsupported_grant_type");
    expect((await form({ grant_type: "refresh_token", client_id: c.clientId, refresh_token: "old" })).body.error).toBe("invalid_grant");
    const ok = await form({ grant_type: "refresh_token", client_id: c.clientId, refresh_token: c.refreshToken });
    expect([ok.status, ok.body.instance_url]).toEqual([200, sf.url]);
    const forged = `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.${Buffer.from(JSON.stringify({ iss: c.clientId, sub: c.username, aud: sf.url, exp: 9e9 })).toString("base64url")}.c2ln`;
    expect((await form({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: forged })).body).toEqual({
      error: "invalid_grant",
      error_description: "invalid assertion signature",
    });
  });

  it("a missing or stale session is 401 INVALID_SESSION_ID; an unsupported version 404; every answer carries Sforce-Limit-Info", async () => {
    const saved = token;
    token = "stale";
    expect(await call("GET", `${v}/sobjects/Account/describe`)).toMatchObject({ status: 401, body: [{ errorCode: "INVALID_SESSION_ID" }] });
    token = saved;
    expect((await call("GET", "/services/data/v30.0/sobjects/Account/describe")).status).toBe(404);
    const described = await call("GET", `${v}/sobjects/Account/describe`);
    expect(described.headers.get("sforce-limit-info")).toMatch(/^api-usage=\d+\/1000$/);
  });

  it("more than 200 records in a collections request are refused as a whole (EXCEEDED_ID_LIMIT)", async () => {
    const records = Array.from({ length: 201 }, () => ({ attributes: { type: "Account" }, Id: fakeId("Account", 1), Name: "x" }));
    expect(await call("PATCH", `${v}/composite/sobjects`, { allOrNone: false, records })).toMatchObject({
      status: 400,
      body: [{ errorCode: "EXCEEDED_ID_LIMIT" }],
    });
    expect(sf.fake.org.get("Account", fakeId("Account", 1))!.Name).not.toBe("x");
  });

  it("per-record errors in request order: unknown field, deleted record, wrong id type, duplicate campaign member", async () => {
    const updates = await call("PATCH", `${v}/composite/sobjects`, {
      allOrNone: false,
      records: [
        { attributes: { type: "Account" }, Id: fakeId("Account", 1), Nope__c: "x" },
        { attributes: { type: "Account" }, Id: fakeId("Account", 99), Name: "y" },
        { attributes: { type: "Account" }, Id: fakeId("Contact", 1), Name: "y" },
        { attributes: { type: "Account" }, Id: fakeId("Account", 2), Name: "fine" },
      ],
    });
    expect((updates.body as { errors: { statusCode: string }[]; success: boolean }[]).map((r) => r.errors[0]?.statusCode ?? r.success)).toEqual([
      "INVALID_FIELD",
      "ENTITY_IS_DELETED",
      "MALFORMED_ID",
      true,
    ]);
    const campaign = (await call("POST", `${v}/sobjects/Campaign`, { Name: "C" })).body as { id: string };
    const member = { attributes: { type: "CampaignMember" }, CampaignId: campaign.id, ContactId: fakeId("Contact", 1) };
    const twice = await call("POST", `${v}/composite/sobjects`, { allOrNone: false, records: [member, member, { ...member, ContactId: undefined }] });
    expect((twice.body as { errors: { statusCode: string; message: string }[] }[]).map((r) => r.errors[0]?.statusCode ?? "ok")).toEqual([
      "ok",
      "DUPLICATE_VALUE",
      "REQUIRED_FIELD_MISSING",
    ]);
    expect(sf.fake.campaignMembers(campaign.id)).toEqual([fakeId("Contact", 1)]);
  });

  it("bad SOQL is 400 MALFORMED_QUERY, an unknown column 400 INVALID_FIELD", async () => {
    expect(await call("GET", `${v}/query?q=${encodeURIComponent("SELECT Id FROM Campaign WHERE Name LIKE 'x%'")}`)).toMatchObject({
      status: 400,
      body: [{ errorCode: "MALFORMED_QUERY" }],
    });
    expect(await call("GET", `${v}/query?q=${encodeURIComponent("SELECT Nope FROM Campaign")}`)).toMatchObject({
      status: 400,
      body: [{ errorCode: "INVALID_FIELD" }],
    });
  });

  it("Bulk 2.0: one upload to an Open job, no results before it is complete, processing only after UploadComplete, matching line endings", async () => {
    const job = (await call("POST", `${v}/jobs/ingest`, { object: "Account", operation: "update", contentType: "CSV", lineEnding: "LF" })).body as {
      id: string;
      state: string;
    };
    expect(job.state).toBe("Open");
    const csv = `Id,Name\n${fakeId("Account", 3)},Bulk name\n`;
    expect((await call("PUT", `${v}/jobs/ingest/${job.id}/batches`, csv, { "content-type": "application/json" })).status).toBe(400);
    expect((await call("PUT", `${v}/jobs/ingest/${job.id}/batches`, csv, { "content-type": "text/csv" })).status).toBe(201);
    expect(await call("PUT", `${v}/jobs/ingest/${job.id}/batches`, csv, { "content-type": "text/csv" })).toMatchObject({
      status: 409,
      body: [{ errorCode: "INVALIDJOBSTATE" }],
    });
    expect((await call("GET", `${v}/jobs/ingest/${job.id}/successfulResults/`)).status).toBe(409);
    expect(sf.fake.org.get("Account", fakeId("Account", 3))!.Name).not.toBe("Bulk name");
    expect((await call("PATCH", `${v}/jobs/ingest/${job.id}`, { state: "UploadComplete" })).status).toBe(200);
    expect(((await call("GET", `${v}/jobs/ingest/${job.id}`)).body as { state: string }).state).toBe("InProgress");
    expect(((await call("GET", `${v}/jobs/ingest/${job.id}`)).body as { state: string }).state).toBe("JobComplete");
    expect(sf.fake.org.get("Account", fakeId("Account", 3))!.Name).toBe("Bulk name");
    const ok = await call("GET", `${v}/jobs/ingest/${job.id}/successfulResults/`);
    expect([ok.headers.get("content-type"), ok.body]).toEqual([
      "text/csv",
      `"sf__Id","sf__Created","Id","Name"\n"${fakeId("Account", 3)}","false","${fakeId("Account", 3)}","Bulk name"\n`,
    ]);

    const crlf = (await call("POST", `${v}/jobs/ingest`, { object: "Account", operation: "update", lineEnding: "LF" })).body as { id: string };
    await call("PUT", `${v}/jobs/ingest/${crlf.id}/batches`, csv.replace(/\n/g, "\r\n"), { "content-type": "text/csv" });
    await call("PATCH", `${v}/jobs/ingest/${crlf.id}`, { state: "UploadComplete" });
    await call("GET", `${v}/jobs/ingest/${crlf.id}`);
    expect((await call("GET", `${v}/jobs/ingest/${crlf.id}`)).body).toMatchObject({
      state: "Failed",
      errorMessage: "LineEnding is invalid on user data. Current LineEnding setting is LF",
    });
  });
});

describe("the adapter with records a Bulk job left unprocessed", () => {
  it("sends them again and ends with everyone", async () => {
    const snapshot = salesforceSnapshot(12);
    const bulk = await startFakeSalesforce({ ...orgRecords(12), unprocessAfter: 8, bulkPolls: 1 });
    try {
      const report = await runSalesforce({
        settings: { ...bulk.settings(), bulkThreshold: 0 },
        snapshot,
        audiences: [{ audienceId: "tier-1", audienceName: "Tier 1", type: "account", memberIds: idsOf(snapshot, "account") }],
      });
      expect(report.failureCount).toBe(0);
      expect(bulk.fake.jobs.size).toBe(2);
      expect(bulk.fake.withMembership("Account", "ABM_Audiences__c", "Tier 1")).toHaveLength(12);
    } finally {
      await bulk.close();
    }
  });
});
