import { describe, expect, it } from "vitest";
import { RetryableError, TerminalError } from "@abm-kit/destinations";
import { AzureBlobSettingsSchema, obtainLogin, STORAGE_SCOPE } from "@abm-kit/destination-azure-blob";

const settingsWith = (getToken: () => Promise<unknown>) =>
  AzureBlobSettingsSchema.parse({ accountName: "acct", container: "abc", tokenCredential: { getToken } });
const failing = (name: string) => async () => {
  const error = new Error("tenant 1234 client secret s3cr3t-value expired");
  error.name = name;
  throw error;
};

describe("obtaining the login", () => {
  it("asks a TokenCredential for the storage scope and keeps its token and expiry", async () => {
    const asked: unknown[] = [];
    const settings = AzureBlobSettingsSchema.parse({
      accountName: "acct",
      container: "abc",
      tokenCredential: {
        getToken: async (scopes: unknown) => (asked.push(scopes), { token: "tok", expiresOnTimestamp: Date.parse("2026-11-20T13:00:00.000Z") }),
      },
    });
    expect(await obtainLogin(settings, new AbortController().signal)).toEqual({ accessToken: "tok", expiresAt: "2026-11-20T13:00:00.000Z" });
    expect(asked).toEqual([STORAGE_SCOPE]);
  });

  it("no identity configured is terminal, another failure retryable; neither quotes the credential's message", async () => {
    const signal = new AbortController().signal;
    const unavailable = await obtainLogin(settingsWith(failing("CredentialUnavailableError")), signal).catch((e: unknown) => e);
    expect(unavailable).toBeInstanceOf(TerminalError);
    expect((unavailable as TerminalError).code).toBe("NO_CREDENTIALS");
    const busy = await obtainLogin(settingsWith(failing("AuthenticationError")), signal).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(RetryableError);
    expect((busy as RetryableError).code).toBe("TOKEN_REQUEST_FAILED");
    for (const error of [unavailable, busy]) expect(String((error as Error).message)).not.toContain("s3cr3t");
    const none = await obtainLogin(
      settingsWith(async () => null),
      signal,
    ).catch((e: unknown) => e);
    expect((none as TerminalError).code).toBe("NO_CREDENTIALS");
  });

  it("a key, connection string or SAS login is read from the settings as it is (and so redacted as a credential)", async () => {
    const key = "c2VjcmV0LWtleS1vZi10aGUtdGVzdA==";
    const signal = new AbortController().signal;
    expect((await obtainLogin(AzureBlobSettingsSchema.parse({ accountName: "acct", accountKey: key, container: "abc" }), signal)).accessToken).toBe(key);
    const sasUrl = "https://acct.blob.core.windows.net/abc?sv=2024-01-01&sig=abc%3D";
    expect((await obtainLogin(AzureBlobSettingsSchema.parse({ sasUrl }), signal)).accessToken).toBe(sasUrl);
  });
});
