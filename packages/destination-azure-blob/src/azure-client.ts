import type { AzureBlobErrorCode } from "./error-codes.js";
import { AnonymousCredential, BlobServiceClient, ContainerClient, StorageSharedKeyCredential, type StoragePipelineOptions } from "@azure/storage-blob";
import { TerminalError, type AuthState } from "@abm-kit/destinations";
import { tokenOf } from "./credentials.js";
import type { AzureBlobSettings } from "./settings.js";

/** The blob service endpoint of an account login: `blobEndpoint`, else `https://<accountName>.blob.core.windows.net`. */
const endpointOf = (settings: AzureBlobSettings) => settings.blobEndpoint ?? `https://${settings.accountName}.blob.core.windows.net`;

/**
 * The container client for the settings' login: a connection string, an
 * account name and key, a container SAS URL, or the token the run obtained
 * from `tokenCredential` (`auth`). The SDK's own retries are off (one try
 * per call, `requestTimeoutMs` each): the runtime retries with its backoff
 * and budget, and knows what was already stored.
 */
export function containerClientOf(settings: AzureBlobSettings, auth?: AuthState): ContainerClient {
  const options: StoragePipelineOptions = { retryOptions: { maxTries: 1, tryTimeoutInMs: settings.requestTimeoutMs } };
  if (settings.sasUrl !== undefined) return new ContainerClient(settings.sasUrl, new AnonymousCredential(), options);
  const container = settings.container!;
  if (settings.connectionString !== undefined) return BlobServiceClient.fromConnectionString(settings.connectionString, options).getContainerClient(container);
  if (settings.tokenCredential !== undefined) {
    if (auth === undefined) throw new TerminalError<AzureBlobErrorCode>("NO_CREDENTIALS", "the Azure Blob destination was called before it had a token");
    return new BlobServiceClient(endpointOf(settings), tokenOf(auth), options).getContainerClient(container);
  }
  const credential = new StorageSharedKeyCredential(settings.accountName!, settings.accountKey!);
  return new BlobServiceClient(endpointOf(settings), credential, options).getContainerClient(container);
}
