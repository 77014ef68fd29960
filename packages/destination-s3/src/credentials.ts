import type { S3ErrorCode } from "./error-codes.js";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { TerminalError, type AuthState } from "@abm-kit/destinations";
import type { S3Settings } from "./settings.js";

/** AWS credentials, as the SDK takes them. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/**
 * Obtains credentials: the explicit ones from the settings, else a fresh run
 * of the AWS SDK's default provider chain (environment, shared config and SSO
 * profiles, web identity, container and instance roles). The result is an
 * {@link AuthState}, so the runtime redacts every part of it (key id, secret,
 * session token) from reports, events and errors.
 */
export async function resolveCredentials(settings: S3Settings): Promise<AuthState> {
  let credentials: AwsCredentials;
  if (settings.credentials !== undefined) {
    credentials = settings.credentials;
  } else {
    try {
      credentials = await fromNodeProviderChain()();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new TerminalError<S3ErrorCode>(
        "NO_CREDENTIALS",
        `no AWS credentials: set settings.credentials or configure the AWS SDK's default provider chain (${reason})`,
      );
    }
  }
  const extra: Record<string, string> = { accessKeyId: credentials.accessKeyId };
  if (credentials.sessionToken !== undefined) extra.sessionToken = credentials.sessionToken;
  return {
    accessToken: credentials.secretAccessKey,
    ...(credentials.expiration !== undefined ? { expiresAt: credentials.expiration.toISOString() } : {}),
    extra,
  };
}

/** The SDK credentials held in an {@link AuthState} made by {@link resolveCredentials}. */
export function credentialsOf(auth: AuthState | undefined): AwsCredentials {
  const accessKeyId = auth?.extra?.accessKeyId;
  if (auth === undefined || accessKeyId === undefined)
    throw new TerminalError<S3ErrorCode>("NO_CREDENTIALS", "the S3 destination was called before it had credentials");
  const sessionToken = auth.extra?.sessionToken;
  return { accessKeyId, secretAccessKey: auth.accessToken, ...(sessionToken !== undefined ? { sessionToken } : {}) };
}
