import { S3Client } from "@aws-sdk/client-s3";
import type { AuthState } from "@abm-kit/destinations";
import { credentialsOf } from "./credentials.js";
import type { S3Settings } from "./settings.js";
import { transferOptions } from "./transfer-options.js";

/** An S3 client for the settings, signing with the credentials in `auth`. */
export function createS3Client(settings: S3Settings, auth: AuthState | undefined): S3Client {
  const transfer = transferOptions(settings);
  return new S3Client({
    region: settings.region,
    ...(settings.endpoint !== undefined ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: transfer.forcePathStyle,
    credentials: credentialsOf(auth),
    requestChecksumCalculation: transfer.checksumCalculation,
    responseChecksumValidation: transfer.checksumCalculation,
    maxAttempts: settings.maxAttempts,
    requestHandler: {
      requestTimeout: settings.requestTimeoutMs,
      connectionTimeout: Math.min(settings.requestTimeoutMs, 10_000),
      throwOnRequestTimeout: true,
    },
  });
}

const clients = new WeakMap<AuthState, WeakMap<object, S3Client>>();

/**
 * The client for this run's settings and credentials, made once and reused
 * (connections are kept alive between requests); new credentials after a
 * refresh give a new client.
 */
export function clientFor(settings: S3Settings, auth: AuthState | undefined): S3Client {
  if (auth === undefined) return createS3Client(settings, auth);
  let bySettings = clients.get(auth);
  if (bySettings === undefined) clients.set(auth, (bySettings = new WeakMap()));
  let client = bySettings.get(settings);
  if (client === undefined) bySettings.set(settings, (client = createS3Client(settings, auth)));
  return client;
}
