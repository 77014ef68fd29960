import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ssh2 from "ssh2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import { activate, ActionRequiredError, MemoryStateStore } from "@abm-kit/destinations";
import { HostKeyRejectedError, sftpDestination } from "@abm-kit/destination-sftp";
import { startSftpServer, type SftpTestServer } from "@abm-kit/destination-sftp/testing";
import { accountPlan, fixtureSnapshot, ids, membership, NOW } from "./fixtures/audience-fixture.js";

const snapshot = fixtureSnapshot(20);
let server: SftpTestServer;
let other: SftpTestServer;
beforeAll(async () => {
  server = await startSftpServer();
  other = await startSftpServer();
});
afterAll(async () => {
  await server.close();
  await other.close();
});

async function run(settings: Record<string, unknown>) {
  const full = { stagingDirectory: await mkdtemp(join(tmpdir(), "abm-sftp-conn-")), ...settings };
  return activate(accountPlan(full, "full"), {
    destination: sftpDestination,
    snapshot,
    audiences: [membership(ids("a", 0, 20))],
    now: NOW,
    state: new MemoryStateStore(),
    sleep: async () => {},
  }).then(
    (report) => ({ report, error: undefined as unknown }),
    (error: unknown) => ({ report: undefined, error }),
  );
}

describe("SFTP connection: host keys and logins", () => {
  it("an unknown host key is refused with HostKeyRejectedError before any credential is sent; nothing is written", async () => {
    const settings = { ...server.settings(), hostKeys: ["SHA256:" + "A".repeat(43)], remoteDirectory: "/unknown-key" };
    const { error } = await run(settings);
    expect(error).toBeInstanceOf(HostKeyRejectedError);
    const e = error as HostKeyRejectedError;
    expect(e.code).toBe("HOST_KEY_REJECTED");
    expect(e.presented).toBe(server.hostKeyFingerprint);
    expect(e.report?.status).toBe("actionRequired");
    expect(server.loginAttempts()).toBe(0);
    expect(await server.files("unknown-key")).toEqual([]);
    expect(JSON.stringify({ message: e.message, report: e.report })).not.toContain(settings.password);
  });

  it("a changed host key (another server behind the pinned address) is refused too", async () => {
    const pinned = server.settings();
    const settings = { ...other.settings(), hostKeys: pinned.hostKeys, remoteDirectory: "/changed-key" };
    const { error } = await run(settings);
    expect(error).toBeInstanceOf(HostKeyRejectedError);
    expect((error as HostKeyRejectedError).presented).toBe(other.hostKeyFingerprint);
    expect(other.loginAttempts()).toBe(0);
    expect(await other.files()).toEqual([]);
  });

  it("one of several pinned keys is enough", async () => {
    const { report } = await run({ ...server.settings(), hostKeys: [other.hostKeyFingerprint, server.hostKeyFingerprint], remoteDirectory: "/two-keys" });
    expect(report?.status).toBe("completed");
    expect(await server.files("two-keys")).toHaveLength(2);
  });

  it("a refused login stops the run with AUTH_FAILED naming the setting, without the password or key", async () => {
    for (const auth of ["password", "privateKey"] as const) {
      server.refuseLogins(true);
      try {
        const settings = { ...server.settings({ auth }), remoteDirectory: "/refused" };
        const { error } = await run(settings);
        expect(error).toBeInstanceOf(ActionRequiredError);
        const e = error as ActionRequiredError;
        expect(e.code).toBe("AUTH_FAILED");
        expect(e.setting).toBe(auth);
        const text = JSON.stringify({ message: e.message, report: e.report, problems: e.problems });
        for (const secret of server.secrets()) expect(text).not.toContain(secret);
      } finally {
        server.refuseLogins(false);
      }
    }
    expect(await server.files("refused")).toEqual([]);
  });

  it("a wrong password is refused the same way", async () => {
    const { error } = await run({ ...server.settings(), password: "not-the-password", remoteDirectory: "/wrong" });
    expect((error as ActionRequiredError).code).toBe("AUTH_FAILED");
  });

  it("no server listening: the connection is retried, then the audience fails with a retryable network error", async () => {
    const closed = await startSftpServer();
    const settings = closed.settings();
    await closed.close();
    const { report } = await run({ ...settings, remoteDirectory: "/nowhere" });
    expect(report?.status).not.toBe("completed");
    expect(JSON.stringify(report)).toContain("ECONNREFUSED");
    expect(JSON.stringify(report)).not.toContain(settings.password);
  });

  it("every settings mistake is one ValidationError listing each problem with its path, before any connection", async () => {
    const before = server.connections();
    const { error } = await run({
      host: "",
      port: 70_000,
      username: 7,
      password: "pw",
      privateKey: "key",
      passphrase: "",
      hostKeys: ["MD5:aa:bb"],
      remoteDirectory: "/a/../b",
      verify: "md5",
      concurrency: 0,
      format: "xlsx",
      hostname: "typo",
    });
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).problems.map((p) => p.path.join(".")).sort();
    // privateKey twice: given with password, and not a key ssh2 can read
    expect(paths).toEqual(
      ["", "concurrency", "format", "host", "hostKeys.0", "passphrase", "port", "privateKey", "privateKey", "remoteDirectory", "username", "verify"].sort(),
    );
    expect(JSON.stringify((error as ValidationError).problems)).not.toContain('"pw"');
    expect(server.connections()).toBe(before);
  });

  it("a private key that cannot be read, or an encrypted one without its passphrase, is a settings problem (without the key in it)", async () => {
    const garbled = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----";
    const bad = await run({ ...server.settings(), password: undefined, privateKey: garbled });
    expect(bad.error).toBeInstanceOf(ValidationError);
    expect((bad.error as ValidationError).problems.map((p) => p.path.join("."))).toEqual(["privateKey"]);
    expect(JSON.stringify((bad.error as ValidationError).problems)).not.toContain("not a key");

    const encrypted = ssh2.utils.generateKeyPairSync("ed25519", { passphrase: "open sesame", cipher: "aes256-ctr", rounds: 16 }).private;
    const missing = await run({ ...server.settings(), password: undefined, privateKey: encrypted });
    expect((missing.error as ValidationError).problems.map((p) => p.path.join("."))).toEqual(["passphrase"]);
    const wrong = await run({ ...server.settings(), password: undefined, privateKey: encrypted, passphrase: "wrong" });
    expect((wrong.error as ValidationError).problems.map((p) => p.path.join("."))).toEqual(["passphrase"]);
    expect(JSON.stringify((wrong.error as ValidationError).problems)).not.toContain("wrong");
  });

  it("no login given, and no host key pinned, are problems too", async () => {
    const { error } = await run({ host: "127.0.0.1", username: "abm", hostKeys: [] });
    expect((error as ValidationError).problems.map((p) => p.path.join(".")).sort()).toEqual(["hostKeys", "password"]);
  });
});
