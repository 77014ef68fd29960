import { defineDestination, objectStoreDelivery, type FileExportOptionsInput } from "@abm-kit/destinations";
import { azureBlobObjectStore } from "./azure-object-store.js";
import { obtainLogin } from "./credentials.js";
import { AzureBlobSettingsSchema, blobPrefix, type AzureBlobSettings } from "./settings.js";

/** The file export options within the Azure Blob settings. */
function fileOptions(settings: AzureBlobSettings): FileExportOptionsInput {
  const { format, compression, maxRowsPerFile, fileNameTemplate, includeExited, parquetRowGroupSize } = settings;
  return { format, compression, maxRowsPerFile, fileNameTemplate, includeExited, parquetRowGroupSize };
}

/**
 * Exports account and person audiences to an Azure Blob Storage container as
 * CSV, JSON Lines or Parquet files (optionally gzipped, split every
 * `maxRowsPerFile` rows) with a manifest. The login is a connection string,
 * an account name and key, a container SAS URL, or a Microsoft Entra ID
 * `tokenCredential` (such as `DefaultAzureCredential` of `@azure/identity`). Each file is uploaded as
 * staged blocks committed in one request (a reader never sees half a blob),
 * with its SHA-256 in the blob's metadata, then checked by size and that
 * SHA-256 and read back against the manifest's; the manifest goes last.
 *
 * @example
 * ```ts
 * import { buildSnapshot } from "@abm-kit/core";
 * import { activate, MemoryStateStore } from "@abm-kit/destinations";
 * import { azureBlobDestination } from "@abm-kit/destination-azure-blob";
 *
 * const now = "2026-11-20T12:00:00.000Z";
 * const snapshot = buildSnapshot({ accounts: [{ id: "a1", name: "Acme", domain: "acme.com" }] }, { asOf: now });
 * const report = await activate(
 *   {
 *     id: "icp-to-azure",
 *     destination: { id: "azure-blob", settings: { connectionString: process.env.AZURE_STORAGE_CONNECTION_STRING!, container: "abm-exports", prefix: "icp/" } },
 *     audiences: [{ audienceId: "icp" }],
 *     mapping: { account: [{ source: "account.name", target: "name" }, { source: "account.domain", target: "domain" }] },
 *     mode: "full",
 *   },
 *   { destination: azureBlobDestination, snapshot, audiences: [{ audienceId: "icp", type: "account", memberIds: ["a1"] }], now, state: new MemoryStateStore() },
 * );
 * console.log(report.status); // completed
 * ```
 */
export const azureBlobDestination = defineDestination({
  id: "azure-blob",
  name: "Azure Blob Storage",
  description: "Writes audience exports as files with a manifest to an Azure Blob Storage container.",
  settings: AzureBlobSettingsSchema,
  audienceTypes: ["account", "person"],
  identities: ["companyName", "companyDomain", "email", "sha256Email", "crmAccountId", "crmContactId", "externalId"],
  delivery: { kind: "file", modes: ["full", "incremental"] },
  limits: {},
  marketingActions: ["exportToThirdParty"],
  // any target name: the columns are whatever the plan maps
  mappingTargets: { account: [], person: [] },
  retry: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 },
  // a token from tokenCredential, or the settings' own login: obtained again once when a request is refused as unauthenticated
  authenticate: (ctx) => obtainLogin(ctx.settings, ctx.signal),
  file: objectStoreDelivery({
    options: fileOptions,
    stagingDirectory: (settings: AzureBlobSettings) => settings.stagingDirectory,
    keyPrefix: blobPrefix,
    openStore: azureBlobObjectStore,
  }),
});
