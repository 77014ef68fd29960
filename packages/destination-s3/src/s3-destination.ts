import { rm } from "node:fs/promises";
import { defineDestination, type FileExportOptionsInput } from "@abm-kit/destinations";
import { resolveCredentials } from "./credentials.js";
import { finishExport, prepareExport } from "./export-journal.js";
import { S3SettingsSchema, type S3Settings } from "./settings.js";
import { deliverStagedFile } from "./upload-file.js";

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
 * import { activate, JsonFileStateStore } from "@abm-kit/destinations";
 * import { s3Destination } from "@abm-kit/destination-s3";
 *
 * const report = await activate(
 *   {
 *     id: "icp-to-s3",
 *     destination: {
 *       id: "s3",
 *       settings: { bucket: "acme-abm-exports", keyPrefix: "audiences/", region: "eu-west-1", format: "parquet" },
 *     },
 *     audiences: [{ audienceId: "icp" }],
 *     mapping: { account: [{ source: "account.name", target: "name" }, { source: "account.domain", target: "domain", transforms: ["domain"] }] },
 *     mode: "incremental",
 *   },
 *   { destination: s3Destination, snapshot, audiences: [icpResult], now: new Date().toISOString(), state: new JsonFileStateStore(".abm-state") },
 * );
 * console.log(report.audiences[0]?.manifest?.files);
 * ```
 */
export const s3Destination = defineDestination<S3Settings>({
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
  file: {
    options: fileOptions,
    stagingDirectory: (settings) => settings.stagingDirectory,
    prepare: prepareExport,
    deliver: async (ctx, file) => {
      await deliverStagedFile(ctx, file);
      if (file.kind === "manifest") await finishExport(ctx, file.name);
      await rm(file.localPath, { force: true });
    },
  },
});
