import { defineDestination, objectStoreDelivery, type FileExportOptionsInput } from "@abm-kit/destinations";
import { resolveCredentials } from "./credentials.js";
import { gcsObjectStore } from "./gcs-object-store.js";
import { GcsSettingsSchema, type GcsSettings } from "./settings.js";
import { wallClockMs } from "./wall-clock.js";

/** The file export options within the GCS settings. */
function fileOptions(settings: GcsSettings): FileExportOptionsInput {
  const { format, compression, maxRowsPerFile, fileNameTemplate, includeExited, parquetRowGroupSize } = settings;
  return { format, compression, maxRowsPerFile, fileNameTemplate, includeExited, parquetRowGroupSize };
}

/**
 * Exports account and person audiences to a Google Cloud Storage bucket as
 * CSV, JSON Lines or Parquet files (optionally gzipped, split every
 * `maxRowsPerFile` rows) with a manifest. A file up to
 * `resumableThresholdBytes` goes in one request with its CRC32C and MD5 for
 * GCS to check; a larger one by resumable upload in `chunkSizeBytes` chunks,
 * resumed where it stopped after a failure or a crash. Each object is checked
 * after upload (size, recorded SHA-256, CRC32C, MD5), and the manifest goes
 * last, so a reader that sees the manifest finds every file it lists.
 * Credentials: a service account key (`serviceAccountKey`), else
 * application-default credentials. `kmsKeyName` encrypts objects with a
 * customer-managed key.
 *
 * @example
 * ```ts
 * import { buildSnapshot } from "@abm-kit/core";
 * import { activate, MemoryStateStore } from "@abm-kit/destinations";
 * import { gcsDestination } from "@abm-kit/destination-gcs";
 * import { startGcsServer } from "@abm-kit/destination-gcs/testing";
 *
 * // A local GCS JSON API server with its own service account; for a real bucket use { bucket, serviceAccountKey } or ADC.
 * const server = await startGcsServer();
 * const now = "2026-11-20T12:00:00.000Z";
 * const snapshot = buildSnapshot({ accounts: [{ id: "a1", name: "Acme", domain: "acme.com" }, { id: "a2", name: "Globex", domain: "globex.com" }] }, { asOf: now });
 * const report = await activate(
 *   {
 *     id: "icp-to-gcs",
 *     destination: { id: "gcs", settings: { ...server.settings(), keyPrefix: "audiences/", format: "parquet" } },
 *     audiences: [{ audienceId: "icp" }],
 *     mapping: { account: [{ source: "account.name", target: "name" }, { source: "account.domain", target: "domain" }] },
 *     mode: "full",
 *   },
 *   { destination: gcsDestination, snapshot, audiences: [{ audienceId: "icp", type: "account", memberIds: ["a1", "a2"] }], now, state: new MemoryStateStore() },
 * );
 * console.log(report.status, report.audiences[0]?.manifest?.files); // completed [{ name: "gcs_icp_20261120_120000.parquet", rows: 2, … }]
 * console.log(server.objects("audiences/").map((o) => o.name)); // the Parquet file and its manifest
 * await server.close();
 * ```
 */
export const gcsDestination = defineDestination({
  id: "gcs",
  name: "Google Cloud Storage",
  description: "Writes audience exports as files with a manifest to a Google Cloud Storage bucket.",
  settings: GcsSettingsSchema,
  audienceTypes: ["account", "person"],
  identities: ["companyName", "companyDomain", "email", "sha256Email", "crmAccountId", "crmContactId", "externalId"],
  delivery: { kind: "file", modes: ["full", "incremental"] },
  limits: {},
  marketingActions: ["exportToThirdParty"],
  // any target name: the columns are whatever the plan maps
  mappingTargets: { account: [], person: [] },
  retry: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 },
  authenticate: (ctx) => resolveCredentials(ctx.settings, wallClockMs(), ctx.signal),
  refreshAuth: (ctx) => resolveCredentials(ctx.settings, wallClockMs(), ctx.signal),
  file: objectStoreDelivery({
    options: fileOptions,
    stagingDirectory: (settings: GcsSettings) => settings.stagingDirectory,
    keyPrefix: (settings) => settings.keyPrefix,
    maxObjectBytes: (settings) => settings.maxObjectBytes,
    openStore: gcsObjectStore,
  }),
});
