import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import { activate, MemoryStateStore } from "@abm-kit/destinations";
import { azureBlobDestination, AzureBlobSettingsSchema, blobPrefix, blockId, DataLandingZoneSettingsSchema } from "@abm-kit/destination-azure-blob";
import { accountPlan, fixtureSnapshot, ids, membership, NOW } from "./fixtures/audience-fixture.js";

const KEY = "c2VjcmV0LWtleS1vZi10aGUtdGVzdA==";

describe("Azure Blob settings", () => {
  it("every mistake is one ValidationError naming each path, before any request, with no secret in it", async () => {
    // the account name and key would go to a host nobody listens on: no request is made
    const settings = {
      accountName: "Bad_Name",
      accountKey: KEY,
      blobEndpoint: "ftp://x",
      container: "No",
      prefix: "/abs//x",
      verify: "md5",
      blockBytes: 10,
      concurrency: 0,
    };
    const error = await activate(accountPlan(settings, "full"), {
      destination: azureBlobDestination,
      snapshot: fixtureSnapshot(5),
      audiences: [membership(ids("a", 0, 5))],
      now: NOW,
      state: new MemoryStateStore(),
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).problems.map((p) => String(p.path));
    for (const path of ["accountName", "blobEndpoint", "container", "prefix", "verify", "blockBytes", "concurrency"])
      expect(
        paths.some((p) => p.endsWith(path)),
        `${path} in ${paths.join(", ")}`,
      ).toBe(true);
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain(KEY);
  });

  it("exactly one login: none, two, or half of account name and key are each named", () => {
    const issues = (input: unknown) => AzureBlobSettingsSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(issues({ container: "abc" })).toEqual(["connectionString: give connectionString, accountName and accountKey, tokenCredential, or sasUrl"]);
    expect(issues({ container: "abc", accountName: "acct" })).toEqual(["accountKey: accountName needs accountKey (or tokenCredential)"]);
    expect(issues({ container: "abc", connectionString: "AccountName=a;AccountKey=b", sasUrl: "https://a.blob.core.windows.net/abc?sig=x" })).toContain(
      "connectionString: give only one of connectionString, accountName and accountKey, tokenCredential, or sasUrl",
    );
    const tokenCredential = { getToken: async () => null };
    expect(issues({ container: "abc", tokenCredential })).toEqual(["accountName: tokenCredential needs accountName or blobEndpoint"]);
    expect(issues({ container: "abc", tokenCredential, accountName: "acct", accountKey: KEY })).toEqual([
      "accountKey: give accountKey or tokenCredential, not both",
    ]);
    expect(issues({ container: "abc", tokenCredential, sasUrl: "https://a.blob.core.windows.net/abc?sig=x" })).toContain(
      "connectionString: give only one of connectionString, accountName and accountKey, tokenCredential, or sasUrl",
    );
    expect(issues({ container: "abc", tokenCredential: { token: "x" }, accountName: "acct" })).toEqual([
      "tokenCredential: a tokenCredential has a getToken method",
    ]);
    expect(issues({ container: "abc", tokenCredential, accountName: "acct" })).toEqual([]);
    expect(issues({ container: "abc", tokenCredential, blobEndpoint: "https://acct.blob.core.windows.net" })).toEqual([]);
    expect(issues({ sasUrl: "https://a.blob.core.windows.net/abc?sv=1" })).toEqual(["sasUrl: a SAS URL carries its signature (sig=…)"]);
    expect(issues({ sasUrl: "https://a.blob.core.windows.net/abc?sig=x", container: "abc" })).toEqual([
      "container: the SAS URL names the container: give no container",
    ]);
    expect(issues({ connectionString: "nonsense", container: "abc" })).toEqual([
      "connectionString: a connection string names AccountName (or BlobEndpoint) and AccountKey (or SharedAccessSignature)",
    ]);
    expect(issues({ sasUrl: "https://a.blob.core.windows.net/abc?sig=x" })).toEqual([]);
    expect(issues({ accountName: "acct", accountKey: KEY, container: "my-exports", prefix: "a/b" })).toEqual([]);
  });

  it("block ids are the same length for every index (Azure requires it) and repeat for the same index", () => {
    const lengths = new Set([0, 1, 9, 10, 999, 49_999].map((i) => blockId(i).length));
    expect(lengths.size).toBe(1);
    expect(blockId(7)).toBe(blockId(7));
    expect(blockId(7)).not.toBe(blockId(8));
  });
});

describe("Azure Blob identifiers and paths (properties)", () => {
  it("block ids: one length for every index a blob can have (0 … 49,999), distinct per index", () => {
    const length = blockId(0).length;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 49_999 }), fc.integer({ min: 0, max: 49_999 }), (a, b) => {
        expect(blockId(a).length).toBe(length);
        expect(blockId(a) === blockId(b)).toBe(a === b);
      }),
    );
  });

  it("Data Landing Zone folder paths: any path of allowed names becomes the blob prefix; one refused character anywhere is named", () => {
    const sasUrl = "https://acct.blob.core.windows.net/dlz-destination?sv=2022-11-02&sig=abc";
    const name = fc.stringMatching(/^[A-Za-z0-9_.-]{1,40}$/).filter((s) => s !== "." && s !== "..");
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.constantFrom(...'"\\:|<>*?'), fc.nat(), (names, slash, bad, at) => {
        const path = `${names.join("/")}${slash ? "/" : ""}`;
        const parsed = DataLandingZoneSettingsSchema.safeParse({ sasUrl, folderPath: path });
        expect(parsed.success && blobPrefix(parsed.data)).toBe(`${names.join("/")}/`);
        const position = at % (path.length + 1);
        const broken = DataLandingZoneSettingsSchema.safeParse({ sasUrl, folderPath: `${path.slice(0, position)}${bad}${path.slice(position)}` });
        expect(broken.error?.issues.map((i) => i.path.join("."))).toEqual(["folderPath"]);
      }),
    );
  });
});
