import { defineDestination } from "@abm-kit/destinations";
import { azureBlobDestination } from "./azure-blob-destination.js";
import { DataLandingZoneSettingsSchema } from "./data-landing-zone-settings.js";
import type { AzureBlobSettings } from "./settings.js";

/**
 * A preset of the Azure Blob destination for Adobe Experience Platform's
 * Data Landing Zone: the `dlz-destination` container reached by the SAS URL
 * Experience Platform issues, files in the folder you name, called
 * `data-landing-zone_<audience>_<YYYYMMDD_HHMMSS>` by default, with the
 * manifest last. Uploads, checks, retries and resumes are the Azure Blob
 * destination's. Adobe deletes every file in the container seven days after
 * it was written: read exports within that time.
 *
 * @example
 * ```ts
 * import { buildSnapshot } from "@abm-kit/core";
 * import { activate, MemoryStateStore } from "@abm-kit/destinations";
 * import { dataLandingZoneDestination } from "@abm-kit/destination-azure-blob";
 *
 * const now = "2026-11-20T12:00:00.000Z";
 * const snapshot = buildSnapshot({ accounts: [{ id: "a1", name: "Acme", domain: "acme.com" }] }, { asOf: now });
 * const report = await activate(
 *   {
 *     id: "icp-to-dlz",
 *     destination: { id: "data-landing-zone", settings: { sasUrl: process.env.DLZ_SAS_URL!, folderPath: "abm/icp" } },
 *     audiences: [{ audienceId: "icp" }],
 *     mapping: { account: [{ source: "account.name", target: "name" }, { source: "account.domain", target: "domain" }] },
 *     mode: "full",
 *   },
 *   { destination: dataLandingZoneDestination, snapshot, audiences: [{ audienceId: "icp", type: "account", memberIds: ["a1"] }], now, state: new MemoryStateStore() },
 * );
 * console.log(report.status); // completed
 * ```
 */
export const dataLandingZoneDestination = defineDestination<AzureBlobSettings>({
  ...azureBlobDestination,
  id: "data-landing-zone",
  name: "Adobe Data Landing Zone",
  description:
    "Writes audience exports as files with a manifest to the Data Landing Zone container of an Adobe Experience Platform sandbox (Azure Blob Storage, SAS URL).",
  settings: DataLandingZoneSettingsSchema,
});
