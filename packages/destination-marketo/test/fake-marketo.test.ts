import { describe, expect, it } from "vitest";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeMarketo } from "@abm-kit/destination-marketo/testing";
import { call, tokenFrom } from "./helpers/http.js";
import { RUN_NOW } from "./helpers/fixture.js";

const code = (body: any) => body?.errors?.[0]?.code;

describe("the fake Marketo refuses what Marketo refuses", () => {
  it("accepts the token only as a bearer header (601 otherwise, 602 once expired) and hands out the same token until it expires", async () => {
    let t = 0;
    const marketo = await startFakeMarketo({ now: RUN_NOW, clock: () => t });
    try {
      const token = await tokenFrom(marketo.url, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET);
      expect(await tokenFrom(marketo.url, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET)).toBe(token);
      expect((await call(marketo.url, token, "GET", "/rest/v1/leads.json?filterType=email&filterValues=a@b.com")).body.success).toBe(true);
      // the query-string token was removed on 31 July 2026
      const byQuery = await call(marketo.url, undefined, "GET", `/rest/v1/leads.json?filterType=email&filterValues=a@b.com&access_token=${token}`);
      expect([byQuery.status, byQuery.body.success, code(byQuery.body)]).toEqual([200, false, "601"]);
      expect(code((await call(marketo.url, "not-a-token", "GET", "/rest/v1/leads.json?filterType=email&filterValues=a@b.com")).body)).toBe("601");
      t += 3_600_000;
      expect(code((await call(marketo.url, token, "GET", "/rest/v1/leads.json?filterType=email&filterValues=a@b.com")).body)).toBe("602");
      const renewed = await tokenFrom(marketo.url, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET);
      expect(renewed).not.toBe(token);
      const bad = await fetch(`${marketo.url}/identity/oauth/token?grant_type=client_credentials&client_id=${FAKE_CLIENT_ID}&client_secret=wrong`);
      expect(bad.status).toBe(401);
      // 601 and 602 are not counted against the quota; the accepted call is
      expect(marketo.fake.callsToday()).toBe(1);
    } finally {
      await marketo.close();
    }
  });

  it("refuses more than 300 records a call, a body over 1 MB (413) and a URI over 8 KB (414)", async () => {
    const marketo = await startFakeMarketo({ now: RUN_NOW });
    try {
      const token = await tokenFrom(marketo.url, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET);
      const input = Array.from({ length: 301 }, (_, i) => ({ email: `p${i}@x.com` }));
      expect(code((await call(marketo.url, token, "POST", "/rest/v1/leads.json", { action: "createOrUpdate", lookupField: "email", input })).body)).toBe(
        "1003",
      );
      expect((await call(marketo.url, token, "POST", "/rest/v1/leads.json", { input: input.slice(0, 300) })).body.result).toHaveLength(300);
      const list = await call(
        marketo.url,
        undefined,
        "POST",
        "/rest/asset/v1/staticLists.json",
        `folder=${encodeURIComponent('{"id":41,"type":"Folder"}')}&name=L`,
        {
          authorization: `Bearer ${token}`,
          "content-type": "application/x-www-form-urlencoded",
        },
      );
      const listId = list.body.result[0].id;
      const ids = Array.from({ length: 301 }, (_, i) => `id=${1001 + i}`).join("&");
      expect(code((await call(marketo.url, token, "POST", `/rest/v1/lists/${listId}/leads.json?${ids}`)).body)).toBe("1003");
      expect(
        code(
          (await call(marketo.url, token, "POST", "/rest/v1/namedaccounts.json", { input: Array.from({ length: 301 }, (_, i) => ({ name: `A${i}` })) })).body,
        ),
      ).toBe("1003");
      const big = await call(marketo.url, token, "POST", "/rest/v1/leads.json", { input: [{ email: "a@b.com", firstName: "x".repeat(1_100_000) }] });
      expect(big.status).toBe(413);
      const long = await call(marketo.url, token, "GET", `/rest/v1/leads.json?filterType=email&filterValues=${"a".repeat(8300)}`);
      expect(long.status).toBe(414);
      expect((await call(marketo.url, token, "POST", "/rest/v1/leads.json", "{not json", { "content-type": "application/json" })).body.errors[0].code).toBe(
        "609",
      );
      expect(code((await call(marketo.url, token, "POST", "/rest/v1/leads.json", "input=1", { "content-type": "text/plain" })).body)).toBe("612");
    } finally {
      await marketo.close();
    }
  });

  it("answers 606 past 100 calls in 20 s, 615 past 10 calls at once, and 607 once the day's quota is spent", async () => {
    let t = 0;
    const slow = await startFakeMarketo({ now: RUN_NOW, clock: () => t, latencyMs: 300 });
    try {
      const token = await tokenFrom(slow.url, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET);
      const get = () => call(slow.url, token, "GET", "/rest/v1/leads.json?filterType=email&filterValues=a@b.com");
      const burst = await Promise.all(Array.from({ length: 14 }, get));
      const codes = burst.map((r) => (r.body.success ? "ok" : code(r.body)));
      const accepted = codes.filter((c) => c === "ok").length;
      expect(codes.filter((c) => c === "615").length).toBe(14 - accepted);
      expect(accepted).toBeLessThanOrEqual(10);
      expect(accepted).toBeLessThan(14);
    } finally {
      await slow.close();
    }
    const marketo = await startFakeMarketo({ now: RUN_NOW, clock: () => t, dailyQuota: 200 });
    try {
      const token = await tokenFrom(marketo.url, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET);
      const get = () => call(marketo.url, token, "GET", "/rest/v1/leads.json?filterType=email&filterValues=a@b.com");
      const accepted = 0;
      for (let i = accepted; i < 100; i++) expect((await get()).body.success).toBe(true);
      expect(code((await get()).body)).toBe("606");
      t += 20_001; // the window has passed
      expect((await get()).body.success).toBe(true);
      marketo.fake.spendQuota(200);
      expect(code((await get()).body)).toBe("607");
      t += 24 * 3600_000; // the next day (US Central); the token has expired meanwhile
      expect(code((await get()).body)).toBe("602");
      const fresh = await tokenFrom(marketo.url, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET);
      expect((await call(marketo.url, fresh, "GET", "/rest/v1/leads.json?filterType=email&filterValues=a@b.com")).body.success).toBe(true);
    } finally {
      await marketo.close();
    }
  });

  it("creates a duplicate lead when two syncs for one email overlap, and none when they follow each other", async () => {
    const marketo = await startFakeMarketo({ now: RUN_NOW, syncLatencyMs: 50 });
    try {
      const token = await tokenFrom(marketo.url, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET);
      const sync = () =>
        call(marketo.url, token, "POST", "/rest/v1/leads.json", {
          action: "createOrUpdate",
          lookupField: "email",
          input: [{ email: "Race@Acme.com", firstName: "Ada" }],
        });
      await Promise.all([sync(), sync()]);
      expect(marketo.fake.leadsWithEmail("race@acme.com")).toHaveLength(2);
      expect(marketo.fake.duplicateLeadsCreated).toBe(1);
      // Marketo now answers 1007 for that email
      const third = await sync();
      expect(third.body.result[0]).toEqual({ status: "skipped", reasons: [{ code: "1007", message: "Multiple leads match the lookup criteria" }] });
      const calm = () => call(marketo.url, token, "POST", "/rest/v1/leads.json", { input: [{ email: "calm@acme.com" }] });
      await calm();
      await calm();
      expect(marketo.fake.leadsWithEmail("calm@acme.com")).toHaveLength(1);
    } finally {
      await marketo.close();
    }
  });

  it("answers per record: 1006 for an unknown field, 1004 for an unknown lead, 1015 for a lead not in the list", async () => {
    const marketo = await startFakeMarketo({ now: RUN_NOW, leads: [{ email: "known@acme.com" }] });
    try {
      const token = await tokenFrom(marketo.url, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET);
      const synced = await call(marketo.url, token, "POST", "/rest/v1/leads.json", {
        input: [
          { email: "new@acme.com", favouriteColour: "blue" },
          { email: "known@acme.com", title: "CMO" },
        ],
      });
      expect(synced.body.result).toEqual([
        { status: "skipped", reasons: [{ code: "1006", message: "Field 'favouriteColour' not found" }] },
        { id: 1001, status: "updated" },
      ]);
      const list = await call(
        marketo.url,
        undefined,
        "POST",
        "/rest/asset/v1/staticLists.json",
        `folder=${encodeURIComponent('{"id":41,"type":"Folder"}')}&name=L`,
        {
          authorization: `Bearer ${token}`,
          "content-type": "application/x-www-form-urlencoded",
        },
      );
      const listId = list.body.result[0].id;
      expect((await call(marketo.url, token, "POST", `/rest/v1/lists/${listId}/leads.json?id=1001&id=999`)).body.result).toEqual([
        { id: 1001, status: "added" },
        { id: 999, status: "skipped", reasons: [{ code: "1004", message: "Lead not found" }] },
      ]);
      expect((await call(marketo.url, token, "DELETE", `/rest/v1/lists/${listId}/leads.json?id=1001&id=1001`)).body.result).toEqual([
        { id: 1001, status: "removed" },
        { id: 1001, status: "skipped", reasons: [{ code: "1015", message: "Lead not in list" }] },
      ]);
      // a list in a folder that does not exist: 710
      const orphan = await call(
        marketo.url,
        undefined,
        "POST",
        "/rest/asset/v1/staticLists.json",
        `folder=${encodeURIComponent('{"id":9,"type":"Folder"}')}&name=M`,
        {
          authorization: `Bearer ${token}`,
          "content-type": "application/x-www-form-urlencoded",
        },
      );
      expect(code(orphan.body)).toBe("710");
    } finally {
      await marketo.close();
    }
  });
});
