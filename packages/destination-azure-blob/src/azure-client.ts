import { AnonymousCredential, BlobServiceClient, ContainerClient, StorageSharedKeyCredential, type StoragePipelineOptions } from "@azure/storage-blob";
import type { AzureBlobSettings } from "./settings.js";

/**
 * The container client for the settings' login: a connection string, an
 * account name and key, or a container SAS URL. The SDK's own retries are
 * off (one try per call, `requestTimeoutMs` each): the runtime retries with
 * its backoff and budget, and knows what was already stored.
 */
export function containerClientOf(settings: AzureBlobSettings): ContainerClient {
  const options: StoragePipelineOptions = { retryOptions: { maxTries: 1, tryTimeoutInMs: settings.requestTimeoutMs } };
  if (settings.sasUrl !== undefined) return new ContainerClient(settings.sasUrl, new AnonymousCredential(), options);
  const container = settings.container!;
  if (settings.connectionString !== undefined) return BlobServiceClient.fromConnectionString(settings.connectionString, options).getContainerClient(container);
  const endpoint = settings.blobEndpoint ?? `https://${settings.accountName}.blob.core.windows.net`;
  const credential = new StorageSharedKeyCredential(settings.accountName!, settings.accountKey!);
  return new BlobServiceClient(endpoint, credential, options).getContainerClient(container);
}
