import type { GcsErrorCode } from "./error-codes.js";
import { IdempotencyStrategy, Storage } from "@google-cloud/storage";
import { OAuth2Client } from "google-auth-library";
import { TerminalError, type AuthState } from "@abm-kit/destinations";
import type { GcsSettings } from "./settings.js";

/**
 * A Storage client for the settings that sends `auth`'s access token as the
 * bearer token (also to a custom `apiEndpoint`, so a local test server sees
 * credentials as GCS would). The client retries a failed request up to
 * `maxRetries` times, uploads included (an upload of the same bytes under the
 * same name is safe to repeat).
 */
export function createStorage(settings: GcsSettings, auth: AuthState | undefined): Storage {
  if (auth === undefined) throw new TerminalError<GcsErrorCode>("NO_CREDENTIALS", "the GCS destination was called before it had credentials");
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: auth.accessToken, token_type: "Bearer" });
  const storage = new Storage({
    apiEndpoint: settings.apiEndpoint,
    useAuthWithCustomEndpoint: true,
    authClient,
    timeout: settings.requestTimeoutMs,
    ...(settings.serviceAccountKey?.project_id !== undefined ? { projectId: settings.serviceAccountKey.project_id } : {}),
    retryOptions: {
      autoRetry: settings.maxRetries > 0,
      maxRetries: settings.maxRetries,
      idempotencyStrategy: IdempotencyStrategy.RetryAlways,
      maxRetryDelay: 32,
      totalTimeout: 600,
    },
  });
  // The library gives the requests of a resumable upload (chunks, status queries) no timeout: a chunk whose
  // answer never comes would hang the run. Every request gets the request timeout through an interceptor.
  type Interceptor = (typeof storage.interceptors)[number];
  storage.interceptors.push({
    request: (options) => {
      options.timeout = settings.requestTimeoutMs;
      return options as ReturnType<Interceptor["request"]>;
    },
  });
  return storage;
}

const clients = new WeakMap<AuthState, WeakMap<object, Storage>>();

/** The client for this run's settings and token, made once and reused; a refreshed token gives a new client. */
export function storageFor(settings: GcsSettings, auth: AuthState | undefined): Storage {
  if (auth === undefined) return createStorage(settings, auth);
  let bySettings = clients.get(auth);
  if (bySettings === undefined) clients.set(auth, (bySettings = new WeakMap()));
  let client = bySettings.get(settings);
  if (client === undefined) bySettings.set(settings, (client = createStorage(settings, auth)));
  return client;
}
