import { defineDestination, objectStoreDelivery, type FileExportOptionsInput } from "@abm-kit/destinations";
import { sftpObjectStore } from "./sftp-object-store.js";
import { remotePrefix, SftpSettingsSchema, type SftpSettings } from "./settings.js";

/** The file export options within the SFTP settings. */
function fileOptions(settings: SftpSettings): FileExportOptionsInput {
  const { format, compression, maxRowsPerFile, fileNameTemplate, includeExited, parquetRowGroupSize } = settings;
  return { format, compression, maxRowsPerFile, fileNameTemplate, includeExited, parquetRowGroupSize };
}

/**
 * Exports account and person audiences to a folder on an SFTP server as CSV,
 * JSON Lines or Parquet files (optionally gzipped, split every
 * `maxRowsPerFile` rows) with a manifest. The server's host key must be one
 * of the pinned `hostKeys`; the login is a password or a private key. Each
 * file is written under a hidden temporary name and renamed into place (a
 * reader never sees half a file), then read back and checked against the
 * manifest's SHA-256; the manifest goes last.
 *
 * @example
 * ```ts
 * import { buildSnapshot } from "@abm-kit/core";
 * import { activate, MemoryStateStore } from "@abm-kit/destinations";
 * import { sftpDestination } from "@abm-kit/destination-sftp";
 * import { startSftpServer } from "@abm-kit/destination-sftp/testing";
 *
 * // An SFTP server on loopback serving a temporary folder; for a real server give host, username, password or privateKey, and hostKeys.
 * const server = await startSftpServer();
 * const now = "2026-11-20T12:00:00.000Z";
 * const snapshot = buildSnapshot({ accounts: [{ id: "a1", name: "Acme", domain: "acme.com" }, { id: "a2", name: "Globex", domain: "globex.com" }] }, { asOf: now });
 * const report = await activate(
 *   {
 *     id: "icp-to-sftp",
 *     destination: { id: "sftp", settings: { ...server.settings(), remoteDirectory: "/upload/abm" } },
 *     audiences: [{ audienceId: "icp" }],
 *     mapping: { account: [{ source: "account.name", target: "name" }, { source: "account.domain", target: "domain" }] },
 *     mode: "full",
 *   },
 *   { destination: sftpDestination, snapshot, audiences: [{ audienceId: "icp", type: "account", memberIds: ["a1", "a2"] }], now, state: new MemoryStateStore() },
 * );
 * console.log(report.status, await server.files("upload/abm")); // completed [ "upload/abm/sftp_icp_20261120_120000.csv", "upload/abm/sftp_icp_20261120_120000.manifest.json" ]
 * await server.close();
 * ```
 */
export const sftpDestination = defineDestination({
  id: "sftp",
  name: "SFTP",
  description: "Writes audience exports as files with a manifest to a folder on an SFTP server.",
  settings: SftpSettingsSchema,
  audienceTypes: ["account", "person"],
  identities: ["companyName", "companyDomain", "email", "sha256Email", "crmAccountId", "crmContactId", "externalId"],
  delivery: { kind: "file", modes: ["full", "incremental"] },
  limits: {},
  marketingActions: ["exportToThirdParty"],
  // any target name: the columns are whatever the plan maps
  mappingTargets: { account: [], person: [] },
  retry: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 },
  file: objectStoreDelivery({
    options: fileOptions,
    stagingDirectory: (settings: SftpSettings) => settings.stagingDirectory,
    keyPrefix: remotePrefix,
    openStore: sftpObjectStore,
  }),
});
