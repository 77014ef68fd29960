import { createHash, generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signAssertion, STORAGE_SCOPE } from "@abm-kit/destination-gcs";
import { crc32cBase64, startGcsServer, type GcsTestServer } from "@abm-kit/destination-gcs/testing";

const KiB = 1024;
let server: GcsTestServer;
let token: string;
beforeAll(async () => {
  server = await startGcsServer();
  token = await fetchToken(server.serviceAccountKey.private_key);
});
afterAll(async () => {
  await server.close();
});

function assertion(privateKey: string, claims: Partial<{ iss: string; aud: string; scope: string; iat: number; exp: number }> = {}): string {
  const iat = Math.floor(Date.now() / 1000);
  return signAssertion(
    { iss: server.serviceAccountKey.client_email, scope: STORAGE_SCOPE, aud: `${server.url}/token`, iat, exp: iat + 3600, ...claims },
    privateKey,
    server.serviceAccountKey.private_key_id,
  );
}

async function tokenRequest(body: string) {
  const res = await fetch(`${server.url}/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function fetchToken(privateKey: string): Promise<string> {
  const { body } = await tokenRequest(
    new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: assertion(privateKey) }).toString(),
  );
  return body.access_token as string;
}

const auth = () => ({ authorization: `Bearer ${token}` });
const bucketUrl = (bucket = server.bucket) => `${server.url}/storage/v1/b/${bucket}/o`;
const uploadUrl = (query: string, bucket = server.bucket) => `${server.url}/upload/storage/v1/b/${bucket}/o?${query}`;
const json = async (res: Response) =>
  (await res.json()) as { error?: { code: number; message: string; errors: { reason: string; domain: string }[] } } & Record<string, unknown>;

async function startSession(name: string, size?: number): Promise<string> {
  const res = await fetch(uploadUrl(`uploadType=resumable&name=${encodeURIComponent(name)}`), {
    method: "POST",
    headers: { ...auth(), "content-type": "application/json", ...(size !== undefined ? { "x-upload-content-length": String(size) } : {}) },
    body: JSON.stringify({ contentType: "text/plain" }),
  });
  expect(res.status).toBe(200);
  return res.headers.get("location")!;
}

describe("the token endpoint", () => {
  it("issues a token for an assertion signed with the service account's key", async () => {
    expect(token).toMatch(/^ya29\./);
  });

  it("refuses an assertion signed with another key (invalid_grant, Invalid JWT Signature.), a wrong audience, a stale one and a wrong grant type", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const grant = (a: string) => new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: a }).toString();
    expect(await tokenRequest(grant(assertion(other)))).toEqual({ status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT Signature." } });
    expect((await tokenRequest(grant(assertion(server.serviceAccountKey.private_key, { aud: "https://oauth2.googleapis.com/token" })))).body.error).toBe(
      "invalid_grant",
    );
    const old = Math.floor(Date.now() / 1000) - 7200;
    expect((await tokenRequest(grant(assertion(server.serviceAccountKey.private_key, { iat: old, exp: old + 3600 })))).body.error_description).toMatch(
      /short-lived token/,
    );
    expect((await tokenRequest(grant(assertion(server.serviceAccountKey.private_key, { exp: Math.floor(Date.now() / 1000) + 7200 })))).body.error).toBe(
      "invalid_grant",
    );
    expect((await tokenRequest("grant_type=client_credentials")).body.error).toBe("unsupported_grant_type");
  });
});

describe("the JSON API rejects what GCS rejects", () => {
  it("no token: 401 Login Required (reason required); an unknown or expired token: 401 Invalid Credentials (reason authError), in GCS's JSON error envelope", async () => {
    const none = await fetch(bucketUrl());
    expect(none.status).toBe(401);
    expect(await json(none)).toEqual({
      error: {
        code: 401,
        message: "Login Required",
        errors: [{ domain: "global", reason: "required", message: "Login Required", locationType: "header", location: "Authorization" }],
      },
    });
    const bogus = await fetch(bucketUrl(), { headers: { authorization: "Bearer ya29.not-issued" } });
    expect(bogus.status).toBe(401);
    expect((await json(bogus)).error!.errors[0]!.reason).toBe("authError");
    const separate = await startGcsServer();
    const t = await (async () => {
      const a = signAssertion(
        {
          iss: separate.serviceAccountKey.client_email,
          scope: STORAGE_SCOPE,
          aud: `${separate.url}/token`,
          iat: Math.floor(Date.now() / 1000),
          exp: Math.floor(Date.now() / 1000) + 3600,
        },
        separate.serviceAccountKey.private_key,
        undefined,
      );
      const res = await fetch(`${separate.url}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: a }).toString(),
      });
      return ((await res.json()) as { access_token: string }).access_token;
    })();
    expect((await fetch(`${separate.url}/storage/v1/b/${separate.bucket}/o`, { headers: { authorization: `Bearer ${t}` } })).status).toBe(200);
    separate.expireTokens();
    const expired = await fetch(`${separate.url}/storage/v1/b/${separate.bucket}/o`, { headers: { authorization: `Bearer ${t}` } });
    expect(expired.status).toBe(401);
    expect((await json(expired)).error!.message).toBe("Invalid Credentials");
    await separate.close();
  });

  it("an unknown bucket: 404 notFound; a missing object: 404 No such object", async () => {
    const res = await fetch(bucketUrl("no-such-bucket"), { headers: auth() });
    expect(res.status).toBe(404);
    expect((await json(res)).error).toMatchObject({ code: 404, message: "The specified bucket does not exist.", errors: [{ reason: "notFound" }] });
    const missing = await fetch(`${bucketUrl()}/${encodeURIComponent("nothing/here.csv")}`, { headers: auth() });
    expect(missing.status).toBe(404);
    expect((await json(missing)).error!.message).toBe(`No such object: ${server.bucket}/nothing/here.csv`);
  });

  it("a simple upload is stored with its CRC32C and MD5; ifGenerationMatch=0 on an existing object, or a wrong generation on delete: 412 conditionNotMet", async () => {
    const bytes = Buffer.from("hello, bucket\n");
    const put = await fetch(uploadUrl("uploadType=media&name=rules/a.txt"), {
      method: "POST",
      headers: { ...auth(), "content-type": "text/plain" },
      body: bytes,
    });
    expect(put.status).toBe(200);
    const object = await json(put);
    expect(object).toMatchObject({
      name: "rules/a.txt",
      size: String(bytes.length),
      crc32c: crc32cBase64(bytes),
      md5Hash: createHash("md5").update(bytes).digest("base64"),
    });
    const again = await fetch(uploadUrl("uploadType=media&name=rules/a.txt&ifGenerationMatch=0"), { method: "POST", headers: auth(), body: bytes });
    expect(again.status).toBe(412);
    expect((await json(again)).error!.errors[0]!.reason).toBe("conditionNotMet");
    const del = await fetch(`${bucketUrl()}/${encodeURIComponent("rules/a.txt")}?ifGenerationMatch=1`, { method: "DELETE", headers: auth() });
    expect(del.status).toBe(412);
    const media = await fetch(`${bucketUrl()}/${encodeURIComponent("rules/a.txt")}?alt=media`, { headers: auth() });
    expect(Buffer.from(await media.arrayBuffer())).toEqual(bytes);
    expect(media.headers.get("x-goog-hash")).toBe(`crc32c=${crc32cBase64(bytes)},md5=${createHash("md5").update(bytes).digest("base64")}`);
  });

  it("a multipart upload whose metadata names another CRC32C is refused with 400", async () => {
    const boundary = "b0undary";
    const body = Buffer.from(
      `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ name: "rules/m.txt", crc32c: crc32cBase64(Buffer.from("other")) })}\r\n--${boundary}\r\nContent-Type: text/plain\r\n\r\nthe content\r\n--${boundary}--\r\n`,
    );
    const res = await fetch(uploadUrl("uploadType=multipart"), {
      method: "POST",
      headers: { ...auth(), "content-type": `multipart/related; boundary=${boundary}` },
      body,
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error!.message).toMatch(/CRC32C/);
  });

  it("resumable: 308 Resume Incomplete with the persisted Range; a chunk that is not a multiple of 256 KiB (but the last), a Content-Range that does not match the body, or a gap is refused; the status query and the final chunk complete it", async () => {
    const size = 512 * KiB + 10;
    const data = Buffer.alloc(size, 7);
    const uri = await startSession("rules/r.bin", size);
    expect(uri).toContain("upload_id=");
    // each answer is read whole, so its connection is free for the next request
    const put = async (range: string, body: Buffer) => {
      const res = await fetch(uri, { method: "PUT", headers: { "content-range": range }, body });
      const text = await res.text();
      return { status: res.status, headers: res.headers, json: async () => JSON.parse(text) as Awaited<ReturnType<typeof json>> };
    };
    // a session URI needs no token (it authorises the upload)
    const odd = await put(`bytes 0-${100 * KiB - 1}/${size}`, data.subarray(0, 100 * KiB));
    expect(odd.status).toBe(400);
    expect((await odd.json()).error!.message).toMatch(/262144/);
    expect((await put(`bytes 0-${256 * KiB}/${size}`, data.subarray(0, 256 * KiB))).status).toBe(400);
    expect((await put(`bytes ${256 * KiB}-${512 * KiB - 1}/${size}`, data.subarray(256 * KiB, 512 * KiB))).status).toBe(400);
    const first = await put(`bytes 0-${256 * KiB - 1}/${size}`, data.subarray(0, 256 * KiB));
    expect(first.status).toBe(308);
    expect(first.headers.get("range")).toBe(`bytes=0-${256 * KiB - 1}`);
    const status = await put(`bytes */${size}`, Buffer.alloc(0));
    expect(status.status).toBe(308);
    expect(status.headers.get("range")).toBe(`bytes=0-${256 * KiB - 1}`);
    expect((await put(`bytes ${256 * KiB}-${512 * KiB - 1}/${size}`, data.subarray(256 * KiB, 512 * KiB))).status).toBe(308);
    const last = await put(`bytes ${512 * KiB}-${size - 1}/${size}`, data.subarray(512 * KiB));
    expect(last.status).toBe(200);
    expect((await last.json()).size).toBe(String(size));
    expect(server.read("rules/r.bin").equals(data)).toBe(true);
    expect((await put(`bytes */${size}`, Buffer.alloc(0))).status).toBe(200);
  });

  it("a cancelled session answers 499, then 410; an unknown one 404", async () => {
    const uri = await startSession("rules/c.bin");
    expect((await fetch(uri, { method: "DELETE" })).status).toBe(499);
    expect((await fetch(uri, { method: "PUT", headers: { "content-range": "bytes */*" } })).status).toBe(410);
    expect((await fetch(uri.replace(/upload_id=[^&]+/, "upload_id=nope"), { method: "PUT", headers: { "content-range": "bytes */*" } })).status).toBe(404);
  });

  it("lists in name order, page by page", async () => {
    for (const n of ["list/b", "list/a", "list/c"]) await fetch(uploadUrl(`uploadType=media&name=${n}`), { method: "POST", headers: auth(), body: n });
    const page1 = await json(await fetch(`${bucketUrl()}?prefix=list/&maxResults=2`, { headers: auth() }));
    expect((page1.items as { name: string }[]).map((i) => i.name)).toEqual(["list/a", "list/b"]);
    const page2 = await json(await fetch(`${bucketUrl()}?prefix=list/&maxResults=2&pageToken=${page1.nextPageToken as string}`, { headers: auth() }));
    expect((page2.items as { name: string }[]).map((i) => i.name)).toEqual(["list/c"]);
    expect(page2.nextPageToken).toBeUndefined();
  });
});
