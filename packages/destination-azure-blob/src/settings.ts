import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TokenCredential } from "@azure/core-auth";
import { FileExportOptionsSchema, secret } from "@abm-kit/destinations";
import { z } from "zod";

/** A container name as Azure accepts it: 3–63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit. */
export const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;
/** A storage account name: 3–24 lowercase letters and digits. */
export const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

/** Why `prefix` is not a usable blob name prefix, or undefined. */
function prefixProblem(prefix: string): string | undefined {
  if (prefix.startsWith("/")) return "a prefix does not start with /";
  if (prefix.includes("//")) return "a prefix has no empty path segment (//)";
  if (prefix.split("/").some((segment) => segment === "." || segment === "..")) return "a prefix has no . or .. segment";
  if (/[\u0000-\u001f\u007f\\]/.test(prefix)) return "a prefix has no control characters or backslashes";
  return undefined;
}

/**
 * Settings of the Azure Blob Storage destination: the login (a connection
 * string, an account name and key, or a container SAS URL — all secret — or
 * a Microsoft Entra ID `tokenCredential`),
 * the container and a blob name prefix, how uploads are checked, block size
 * and concurrency, timeouts, and the file export options.
 */
export const AzureBlobSettingsSchema = z
  .strictObject({
    ...FileExportOptionsSchema.shape,
    /** A storage connection string (secret): `DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…` or one with a `SharedAccessSignature`. */
    connectionString: secret(z.string().min(1)).optional(),
    /** The storage account's name, used with `accountKey`. */
    accountName: z.string().regex(ACCOUNT_NAME, "a storage account name is 3–24 lowercase letters and digits").optional(),
    /** The storage account's key (secret, base64), used with `accountName`. */
    accountKey: secret(z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, "an account key is base64")).optional(),
    /**
     * A Microsoft Entra ID credential (any `TokenCredential` of `@azure/identity`, such as
     * `DefaultAzureCredential`), used with `accountName` (or `blobEndpoint`): requests carry its token for
     * `https://storage.azure.com/.default`. The identity needs a data role on the container (Storage Blob
     * Data Contributor). Bearer tokens go over HTTPS only.
     */
    tokenCredential: z
      .custom<TokenCredential>((value) => typeof (value as { getToken?: unknown } | null)?.getToken === "function", "a tokenCredential has a getToken method")
      .optional(),
    /** The blob service endpoint for `accountName` + `accountKey` or `tokenCredential` (default `https://<accountName>.blob.core.windows.net`). */
    blobEndpoint: z.url({ protocol: /^https?$/ }).optional(),
    /** A container SAS URL (secret): `https://<account>.blob.core.windows.net/<container>?sv=…&sig=…`. It names the container: give no `container` then. */
    sasUrl: secret(z.url({ protocol: /^https?$/ })).optional(),
    /** The container files go to (must exist). Required unless `sasUrl` is given. */
    container: z.string().regex(CONTAINER_NAME, "a container name is 3–63 lowercase letters, digits and single hyphens").optional(),
    /** Blob name prefix (a virtual folder), e.g. `exports/abm/`; "" is the container's root. */
    prefix: z.string().default(""),
    /**
     * How a stored blob is checked: `sha256` compares its size and the SHA-256
     * recorded in its metadata, then reads it back against the manifest's
     * SHA-256 (default); `size` compares only its size and recorded SHA-256.
     */
    verify: z.enum(["sha256", "size"]).default("sha256"),
    /** Bytes per staged block (default 8 MiB; Azure allows up to 4000 MiB and 50,000 blocks a blob). */
    blockBytes: z
      .number()
      .int()
      .min(1024)
      .max(4000 * 1024 * 1024)
      .default(8 * 1024 * 1024),
    /** Blocks in flight at once per file (default 4). */
    concurrency: z.number().int().min(1).max(64).default(4),
    /** One request waiting longer than this is abandoned and retried (default 10 min). */
    requestTimeoutMs: z.number().int().min(100).max(86_400_000).default(600_000),
    /** Where files are written before upload (removed from there once uploaded). */
    stagingDirectory: z
      .string()
      .min(1)
      .default(() => join(tmpdir(), "abm-kit-azure-blob-staging")),
  })
  .superRefine(
    (s, ctx) => {
      const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      const token = s.tokenCredential !== undefined;
      const logins = [
        s.connectionString !== undefined,
        token || s.accountKey !== undefined || (s.accountName !== undefined && !token),
        s.sasUrl !== undefined,
      ].filter(Boolean).length;
      if (logins === 0) problem("connectionString", "give connectionString, accountName and accountKey, tokenCredential, or sasUrl");
      if (logins > 1) problem("connectionString", "give only one of connectionString, accountName and accountKey, tokenCredential, or sasUrl");
      if (token && s.accountKey !== undefined) problem("accountKey", "give accountKey or tokenCredential, not both");
      if (s.accountName !== undefined && s.accountKey === undefined && !token) problem("accountKey", "accountName needs accountKey (or tokenCredential)");
      if (s.accountKey !== undefined && s.accountName === undefined) problem("accountName", "accountKey needs accountName");
      if (token && s.accountName === undefined && s.blobEndpoint === undefined) problem("accountName", "tokenCredential needs accountName or blobEndpoint");
      if (s.blobEndpoint !== undefined && s.accountName === undefined && !token)
        problem("blobEndpoint", "blobEndpoint is only used with accountName and accountKey, or tokenCredential");
      if (typeof s.connectionString === "string" && s.connectionString !== "") {
        const parts = new Set(s.connectionString.split(";").map((part) => part.split("=")[0]!.trim()));
        const endpoint = parts.has("BlobEndpoint") || parts.has("AccountName");
        if (!endpoint || !(parts.has("AccountKey") || parts.has("SharedAccessSignature")))
          problem("connectionString", "a connection string names AccountName (or BlobEndpoint) and AccountKey (or SharedAccessSignature)");
      }
      if (typeof s.sasUrl === "string") {
        try {
          const url = new URL(s.sasUrl);
          if (!url.searchParams.has("sig")) problem("sasUrl", "a SAS URL carries its signature (sig=…)");
          if (s.container !== undefined) problem("container", "the SAS URL names the container: give no container");
          const container = url.pathname.split("/").filter(Boolean).at(-1) ?? "";
          if (!CONTAINER_NAME.test(decodeURIComponent(container))) problem("sasUrl", "a SAS URL ends in the container's name");
        } catch {
          // the URL check has named it already
        }
      } else if (s.container === undefined) problem("container", "give the container");
      if (typeof s.prefix === "string") {
        const why = prefixProblem(s.prefix);
        if (why !== undefined) problem("prefix", why);
      }
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );

/** Azure Blob settings as given in a plan. */
export type AzureBlobSettingsInput = z.input<typeof AzureBlobSettingsSchema>;
/** Azure Blob settings after defaults. */
export type AzureBlobSettings = z.output<typeof AzureBlobSettingsSchema>;

/** The key prefix of the settings: "" or the prefix with one trailing `/`. */
export function blobPrefix(settings: Pick<AzureBlobSettings, "prefix">): string {
  const prefix = settings.prefix;
  return prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
}
