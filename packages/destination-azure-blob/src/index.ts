/**
 * `@abm-kit/destination-azure-blob`: audience exports to an Azure Blob
 * Storage container — files written by the runtime's writers, uploaded as
 * staged blocks committed at once, checked by size and the SHA-256 recorded
 * in their metadata and read back against the manifest, the manifest last;
 * connection string, account key, SAS URL or Entra ID token credential login. Azurite (the Azure
 * Storage emulator) for tests is started by
 * `@abm-kit/destination-azure-blob/testing`.
 * @packageDocumentation
 */
export { azureBlobDestination } from "./azure-blob-destination.js";
export { AzureBlobSettingsSchema, ACCOUNT_NAME, CONTAINER_NAME, blobPrefix, type AzureBlobSettings, type AzureBlobSettingsInput } from "./settings.js";
export { azureBlobObjectStore, SHA256_METADATA } from "./azure-object-store.js";
export { containerClientOf } from "./azure-client.js";
export { toDeliveryError, azureStatusOf } from "./azure-error.js";
export { blockId } from "./block-ids.js";
export { dataLandingZoneDestination } from "./data-landing-zone.js";
export {
  DataLandingZoneSettingsSchema,
  DATA_LANDING_ZONE_CONTAINER,
  DATA_LANDING_ZONE_RETENTION_DAYS,
  type DataLandingZoneSettingsInput,
} from "./data-landing-zone-settings.js";
export { obtainLogin, STORAGE_SCOPE } from "./credentials.js";
export * from "./error-codes.js";
