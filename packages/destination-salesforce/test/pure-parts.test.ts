import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bulkError, claimsAt, jwtAssertion, namesIn, parseLimitInfo, pathFor, recordOf, soqlString, withMembership } from "@abm-kit/destination-salesforce";

describe("parseLimitInfo (Sforce-Limit-Info)", () => {
  it("reads api-usage among other entries", () => {
    expect(parseLimitInfo("api-usage=18/15000")).toEqual({ used: 18, limit: 15000 });
    expect(parseLimitInfo("per-app-api-usage=2/250(appName=abm), api-usage=25/5000")).toEqual({ used: 25, limit: 5000 });
    expect(parseLimitInfo(" API-Usage = 7 / 100 ")).toEqual({ used: 7, limit: 100 });
  });
  it("gives undefined for a missing or unreadable header", () => {
    for (const h of [null, undefined, "", "api-usage=", "api-usage=1/0", "api-usage=a/b", "per-app-api-usage=2/250"]) expect(parseLimitInfo(h)).toBeUndefined();
  });
});

describe("withMembership", () => {
  it("adds and removes one name, keeping the others in order", () => {
    expect(withMembership(null, "Tier 1", true)).toBe("Tier 1");
    expect(withMembership("Renewals;Tier 1", "Tier 1", true)).toBe("Renewals;Tier 1");
    expect(withMembership("Tier 1;Renewals", "Tier 1", false)).toBe("Renewals");
    expect(withMembership("Tier 1", "Tier 1", false)).toBeNull();
  });
  it("never disturbs the other names (property)", () => {
    const name = fc
      .stringMatching(/^[A-Za-z0-9 ]{1,12}$/)
      .map((s) => s.trim())
      .filter((s) => s !== "");
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 6 }), name, fc.boolean(), (others, n, member) => {
        const rest = others.filter((o) => o !== n);
        const after = namesIn(withMembership(rest.join(";"), n, member));
        expect(after.filter((x) => x !== n)).toEqual(rest);
        expect(after.includes(n)).toBe(member);
        expect(namesIn(withMembership(withMembership(rest.join(";"), n, member), n, member))).toEqual(after);
      }),
    );
  });
});

describe("recordOf", () => {
  const keys = [
    "marketo/123-ABC-456/Lead/77",
    "salesforce/00D000000000001AAA/Lead/00Q000000000001AAA",
    "salesforce/00D000000000001AAA/Contact/003000000000001AAA",
  ];
  it("prefers a Contact to a Lead and ignores other systems", () => {
    expect(recordOf(keys, ["Contact", "Lead"])).toEqual({ object: "Contact", id: "003000000000001AAA" });
    expect(recordOf(keys, ["Lead"])).toEqual({ object: "Lead", id: "00Q000000000001AAA" });
    expect(recordOf(["marketo/123-ABC-456/Lead/77"], ["Contact", "Lead"])).toBeUndefined();
    expect(recordOf(null, ["Account"])).toBeUndefined();
  });
  it("keeps to the org when one is set, and refuses malformed ids", () => {
    expect(recordOf(keys, ["Contact"], "00D000000000002AAA")).toBeUndefined();
    expect(recordOf(keys, ["Contact"], "00D000000000001")).toEqual({ object: "Contact", id: "003000000000001AAA" });
    expect(recordOf(["salesforce/-/Contact/not-an-id"], ["Contact"])).toBeUndefined();
  });
});

describe("small Salesforce parts", () => {
  it("escapes SOQL strings", () => {
    expect(soqlString("O'Brien \\ co")).toBe("'O\\'Brien \\\\ co'");
  });
  it("reads a Bulk sf__Error", () => {
    expect(bulkError("DUPLICATE_VALUE:Already a campaign member.:--")).toEqual({ errorCode: "DUPLICATE_VALUE", message: "Already a campaign member." });
    expect(bulkError("INVALID_FIELD:bad: value:Name,Email")).toEqual({ errorCode: "INVALID_FIELD", message: "bad: value", fields: ["Name", "Email"] });
  });
  it("picks the Bulk path only above the threshold", () => {
    expect([pathFor(2000, 2000), pathFor(2001, 2000), pathFor(1, 0)]).toEqual(["collections", "bulk", "bulk"]);
  });
  it("signs an RS256 JWT that the public key verifies, expiring three minutes after now", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    const claims = claimsAt("2026-12-01T09:00:00.000Z", "client", "user@example.com", "https://login.salesforce.com");
    expect(claims.exp).toBe(Date.parse("2026-12-01T09:03:00.000Z") / 1000);
    const [head, body, sig] = jwtAssertion(claims, pem).split(".") as [string, string, string];
    expect(JSON.parse(Buffer.from(head, "base64url").toString())).toEqual({ alg: "RS256", typ: "JWT" });
    expect(JSON.parse(Buffer.from(body, "base64url").toString())).toEqual(claims);
    expect(verify("RSA-SHA256", Buffer.from(`${head}.${body}`), createPublicKey(privateKey), Buffer.from(sig, "base64url"))).toBe(true);
  });
});
