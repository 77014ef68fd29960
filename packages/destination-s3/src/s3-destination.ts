import { defineDestination, objectStoreDelivery, type FileExportOptionsInput } from "@abm-kit/destinations";
import { resolveCredentials } from "./credentials.js";
import { s3ObjectStore } from "./s3-object-store.js";
import { S3SettingsSchema, type S3Settings } from "./settings.js";

/** The file export options within the S3 settings. */
function fileOptions(settings: S3Settings): FileExportOptionsInput {
  const { format, compression, maxRowsPerFile, fileNameTemplate, includeExited, parquetRowGroupSize } = settings;
  return { format, compression, maxRowsPerFile, fileNameTemplate, includeExited, parquetRowGroupSize };
}

/**
 * Exports account and person audiences to Amazon S3 or an S3-compatible
 * store as CSV, JSON Lines or Parquet files (optionally gzipped, split every
 * `maxRowsPerFile` rows) with a manifest. Each file streams from the staging
 * folder with `@aws-sdk/lib-storage` (multipart above `multipartThresholdBytes`,
 * `queueSize` parts at once), is checked after upload (size, recorded SHA-256,
 * checksum or ETag), and the manifest goes last, so a reader that sees the
 * manifest finds every file it lists.
 *
 * @example
 * ```ts
 * import { buildSnapshot } from "@abm-kit/core";
 * import { activate, MemoryStateStore } from "@abm-kit/destinations";
 * import { s3Destination } from "@abm-kit/destination-s3";
 * import { startS3Server } from "@abm-kit/destination-s3/testing";
 *
 * // A local S3-protocol server; for a real bucket use { bucket, region } (credentials from the default chain).
 * const server = await startS3Server();
 * const now = "2026-11-20T12:00:00.000Z";
 * const snapshot = buildSnapshot({ accounts: [{ id: "a1", name: "Acme", domain: "acme.com" }, { id: "a2", name: "Globex", domain: "globex.com" }] }, { asOf: now });
 * const report = await activate(
 *   {
 *     id: "icp-to-s3",
 *     destination: { id: "s3", settings: { ...server.settings(), keyPrefix: "audiences/", format: "parquet" } },
 *     audiences: [{ audienceId: "icp" }],
 *     mapping: { account: [{ source: "account.name", target: "name" }, { source: "account.domain", target: "domain" }] },
 *     mode: "full",
 *   },
 *   { destination: s3Destination, snapshot, audiences: [{ audienceId: "icp", type: "account", memberIds: ["a1", "a2"] }], now, state: new MemoryStateStore() },
 * );
 * console.log(report.status, report.audiences[0]?.manifest?.files); // completed [{ name: "s3_icp_20261120_120000.parquet", rows: 2, … }]
 * console.log(await server.objects("audiences/")); // the Parquet file and its manifest
 * await server.close();
 * ```
 */
export const s3Destination = defineDestination({
  id: "s3",
  name: "Amazon S3",
  description: "Writes audience exports as files with a manifest to an Amazon S3 bucket or an S3-compatible store.",
  settings: S3SettingsSchema,
  audienceTypes: ["account", "person"],
  identities: ["companyName", "companyDomain", "email", "sha256Email", "crmAccountId", "crmContactId", "externalId"],
  delivery: { kind: "file", modes: ["full", "incremental"] },
  limits: {},
  marketingActions: ["exportToThirdParty"],
  // any target name: the columns are whatever the plan maps
  mappingTargets: { account: [], person: [] },
  retry: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 },
  authenticate: (ctx) => resolveCredentials(ctx.settings),
  refreshAuth: (ctx) => resolveCredentials(ctx.settings),
  file: objectStoreDelivery({
    options: fileOptions,
    stagingDirectory: (settings: S3Settings) => settings.stagingDirectory,
    keyPrefix: (settings) => settings.keyPrefix,
    maxObjectBytes: (settings) => settings.maxObjectBytes,
    openStore: s3ObjectStore,
  }),
});
