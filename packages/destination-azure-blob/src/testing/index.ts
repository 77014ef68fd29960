/**
 * `@abm-kit/destination-azure-blob/testing`: Azurite (the Azure Storage
 * emulator, installed as `azurite`) started on loopback for tests, and a
 * fault-injecting proxy in front of it.
 * @packageDocumentation
 */
export { startAzurite, AZURITE_ACCOUNT, AZURITE_KEY, type AzuriteServer, type AzuriteOptions } from "./azurite.js";
export { startBlobFaultProxy, blobFaultsFrom, type BlobFaultProxy, type BlobFaultProxyOptions, type BlobRequestInfo } from "./blob-fault-proxy.js";
