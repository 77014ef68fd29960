import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORAGE_SCOPE } from "@abm-kit/destination-azure-blob";
import { startAzurite, type AzuriteServer } from "@abm-kit/destination-azure-blob/testing";
import { ids } from "./fixtures/audience-fixture.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const CHILD = resolve(import.meta.dirname, "fixtures/token-export-child.ts");
let azurite: AzuriteServer;
let certPath: string;
beforeAll(async () => {
  // a certificate made now, for 127.0.0.1 only, trusted by the child process alone
  const dir = await mkdtemp(join(tmpdir(), "abm-azure-tls-"));
  const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
  });
  certPath = join(dir, "cert.pem");
  const keyPath = join(dir, "key.pem");
  await writeFile(certPath, pems.cert);
  await writeFile(keyPath, pems.private);
  azurite = await startAzurite({ https: { certPath, keyPath } });
}, 60_000);
afterAll(async () => {
  await azurite?.close();
});

/** A Microsoft Entra ID access token as Azurite's `--oauth basic` checks it: issuer, audience and lifetime (the signature is not checked). */
function entraToken(audience: string): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const claims = {
    aud: audience,
    iss: "https://sts.windows.net/00000000-0000-0000-0000-000000000001/",
    iat: now - 60,
    nbf: now - 60,
    exp: now + 3600,
    oid: "00000000-0000-0000-0000-000000000002",
  };
  return `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}.${Buffer.from(`signature-${audience}`).toString("base64url")}`;
}

/** Runs the child export with the given tokens handed out in turn. */
async function exportWithTokens(container: string, tokens: string[]) {
  const input = {
    blobEndpoint: azurite.blobEndpoint,
    connectionString: azurite.connectionString(),
    container,
    stagingDirectory: await mkdtemp(join(tmpdir(), "abm-azure-token-")),
    tokens,
  };
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, JSON.stringify(input)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_EXTRA_CA_CERTS: certPath },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((done) => child.on("exit", done));
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as {
    status: string;
    tokenRefreshes: number;
    asked: { scopes: string | string[]; hadSignal: boolean }[];
    exported: string[];
    reportText: string;
  };
}

describe("login with a TokenCredential against Azurite over HTTPS with OAuth", () => {
  it("asks the credential for a storage token, sends it as a bearer token, and the export reads back against the manifest", async () => {
    const token = entraToken("https://storage.azure.com");
    const outcome = await exportWithTokens("token-ok", [token]);
    expect(outcome.status).toBe("completed");
    expect(outcome.exported).toEqual(ids("a", 0, 250));
    expect(outcome.asked).toEqual([{ scopes: STORAGE_SCOPE, hadSignal: true }]);
    expect(outcome.reportText).not.toContain(token);
  }, 120_000);

  it("a token Azurite refuses (wrong audience) is asked for again once; the second is accepted and the export completes", async () => {
    const refused = entraToken("https://vault.azure.net");
    const outcome = await exportWithTokens("token-renewed", [refused, entraToken("https://storage.azure.com")]);
    expect(outcome.status).toBe("completed");
    expect(outcome.tokenRefreshes).toBe(1);
    expect(outcome.asked).toHaveLength(2);
    expect(outcome.exported).toEqual(ids("a", 0, 250));
    expect(outcome.reportText).not.toContain(refused);
  }, 120_000);

  it("a credential whose tokens are always refused: the files fail after one renewal, no blob is written, no token in the report", async () => {
    const refused = entraToken("https://vault.azure.net");
    const outcome = await exportWithTokens("token-refused", [refused]);
    expect(outcome.asked).toHaveLength(2);
    expect(outcome.exported).toEqual([]);
    expect(outcome.status).toBe("completedWithFailures");
    expect(outcome.reportText).toContain("the destination rejected a freshly refreshed token");
    expect(outcome.reportText).not.toContain(refused);
  }, 120_000);
});
