import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileExportOptionsSchema, secret } from "@abm-kit/destinations";
import { z } from "zod";

const KiB = 1024;
const MiB = 1024 * KiB;
const TiB = 1024 * 1024 * MiB;

/** Every chunk of a resumable upload but the last is a multiple of 256 KiB (GCS docs, "Resumable uploads": chunk size). */
export const CHUNK_GRANULARITY = 256 * KiB;
/** GCS's largest object: 5 TiB (GCS docs, "Quotas & limits": maximum object size). */
export const MAX_OBJECT_BYTES = 5 * TiB;
/** The largest file sent in one (multipart) request, held in memory while it is sent. */
export const MAX_SINGLE_REQUEST_BYTES = 256 * MiB;
/** The OAuth scope asked for: read and write objects (GCS docs, "OAuth 2.0 scopes"). */
export const STORAGE_SCOPE = "https://www.googleapis.com/auth/devstorage.read_write";
/** Google's OAuth 2.0 token endpoint, where a service account trades a signed JWT for an access token. */
export const GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";
/** The JSON API's endpoint. */
export const GCS_API_ENDPOINT = "https://storage.googleapis.com";

/** Storage classes (GCS docs, "Storage classes"). */
export const GcsStorageClassSchema = z.enum(["STANDARD", "NEARLINE", "COLDLINE", "ARCHIVE"]);

const BUCKET_CHARS = /^[a-z0-9][a-z0-9._-]*[a-z0-9]$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const KMS_KEY = /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;
/** The longest key prefix, in UTF-8 bytes: object names are ≤ 1,024 bytes, with room for file names and the upload journal. */
export const MAX_PREFIX_BYTES = 700;

/** Why `name` is not a valid bucket name (GCS docs, "Bucket naming requirements"), or undefined. */
function bucketProblem(name: string): string | undefined {
  if (!BUCKET_CHARS.test(name)) return "a bucket name has lower-case letters, digits, dashes, underscores and dots, and starts and ends with a letter or digit";
  const max = name.includes(".") ? 222 : 63;
  if (name.length < 3 || name.length > max) return "a bucket name is 3–63 characters (up to 222 with dots, each dot-separated part at most 63)";
  if (name.split(".").some((part) => part.length > 63 || part.length === 0)) return "each dot-separated part of a bucket name is 1–63 characters";
  if (IPV4.test(name)) return "a bucket name is not an IP address";
  if (name.startsWith("goog")) return 'a bucket name does not start with "goog"';
  if (name.includes("google") || /g00gle|googl3|go0gle/.test(name)) return 'a bucket name does not contain "google" or a look-alike';
  return undefined;
}

/** Why `prefix` is not a usable object-name prefix (GCS docs, "Object naming requirements"), or undefined. */
function prefixProblem(prefix: string): string | undefined {
  if (Buffer.byteLength(prefix, "utf8") > MAX_PREFIX_BYTES) return `a key prefix is at most ${MAX_PREFIX_BYTES} bytes`;
  if (prefix.startsWith("/")) return "a key prefix does not start with /";
  if (prefix.startsWith(".well-known/acme-challenge/")) return "a key prefix does not start with .well-known/acme-challenge/";
  if (prefix.includes("//")) return "a key prefix has no empty path segment (//)";
  if (prefix.split("/").some((segment) => segment === "." || segment === "..")) return "a key prefix has no . or .. segment";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(prefix)) return "a key prefix has no control characters";
  return undefined;
}

/**
 * A service account's JSON key, as downloaded from the console (other fields
 * of the file are accepted and dropped). The private key and its id are secret.
 */
export const ServiceAccountKeySchema = z.object({
  type: z.literal("service_account"),
  client_email: z.email(),
  private_key: secret(z.string().regex(/-----BEGIN (RSA )?PRIVATE KEY-----/, "a PEM private key")),
  private_key_id: secret(z.string().min(1)).optional(),
  token_uri: z.url({ protocol: /^https?$/ }).optional(),
  project_id: z.string().optional(),
});
/** A service account key. */
export type ServiceAccountKey = z.infer<typeof ServiceAccountKeySchema>;

/**
 * Settings of the Google Cloud Storage destination: where objects go (bucket,
 * key prefix, API endpoint), credentials (a service account key, else
 * application-default credentials), encryption (CMEK), storage class, upload
 * sizes, retries, and the file export options (format, compression, rows per
 * file, file-name template).
 */
export const GcsSettingsSchema = z
  .strictObject({
    ...FileExportOptionsSchema.shape,
    /** The bucket. */
    bucket: z.string(),
    /** Prepended to every object name (`exports/abm/`); names are `<prefix><file name>`. */
    keyPrefix: z.string().default(""),
    /** The project billed for requests on a requester-pays bucket (sent as `userProject`). */
    userProject: z.string().min(1).optional(),
    /** The JSON API endpoint (default `https://storage.googleapis.com`); a local test server's URL in tests. */
    apiEndpoint: z.url({ protocol: /^https?$/, error: "apiEndpoint is an http(s) URL" }).default(GCS_API_ENDPOINT),
    /** A service account's JSON key; when absent, application-default credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud, the metadata server). */
    serviceAccountKey: ServiceAccountKeySchema.optional(),
    /** Where a service account's signed JWT is traded for a token; default: the key's `token_uri`, else Google's. */
    tokenUri: z.url({ protocol: /^https?$/, error: "tokenUri is an http(s) URL" }).optional(),
    /** A Cloud KMS key (`projects/P/locations/L/keyRings/R/cryptoKeys/K`) that encrypts every object (CMEK); unset: the bucket's default. */
    kmsKeyName: z.string().regex(KMS_KEY, "a KMS key name is projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>").optional(),
    /** Storage class of every object; unset: the bucket's default. */
    storageClass: GcsStorageClassSchema.optional(),
    /** Files larger than this go by resumable upload; smaller ones in one multipart request (default 8 MiB). */
    resumableThresholdBytes: z
      .number()
      .int()
      .min(0)
      .max(MAX_SINGLE_REQUEST_BYTES)
      .default(8 * MiB),
    /** Bytes per request of a resumable upload, a multiple of 256 KiB (default 16 MiB). */
    chunkSizeBytes: z
      .number()
      .int()
      .min(CHUNK_GRANULARITY)
      .max(1024 * MiB)
      .refine((n) => n % CHUNK_GRANULARITY === 0, "chunkSizeBytes is a multiple of 256 KiB (262144)")
      .default(16 * MiB),
    /** Retries of one request inside the client library (exponential back-off) before the runtime's own retry of the file. */
    maxRetries: z.number().int().min(0).max(10).default(3),
    /** A request that has not answered after this long is abandoned (default 60 s). */
    requestTimeoutMs: z.number().int().min(100).max(3_600_000).default(60_000),
    /** Files larger than this are refused before upload (default 5 TiB, GCS's object size limit). */
    maxObjectBytes: z.number().int().positive().max(MAX_OBJECT_BYTES).default(MAX_OBJECT_BYTES),
    /** Where files are written before upload (removed from there once uploaded). */
    stagingDirectory: z
      .string()
      .min(1)
      .default(() => join(tmpdir(), "abm-kit-gcs-staging")),
  })
  .superRefine(
    (s, ctx) => {
      const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (typeof s.bucket === "string") {
        const why = bucketProblem(s.bucket);
        if (why !== undefined) problem("bucket", why);
      }
      if (typeof s.keyPrefix === "string") {
        const why = prefixProblem(s.keyPrefix);
        if (why !== undefined) problem("keyPrefix", why);
      }
      if (s.tokenUri !== undefined && s.serviceAccountKey === undefined) problem("tokenUri", "tokenUri is only used with serviceAccountKey");
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );

/** GCS settings as given in a plan. */
export type GcsSettingsInput = z.input<typeof GcsSettingsSchema>;
/** GCS settings after defaults. */
export type GcsSettings = z.output<typeof GcsSettingsSchema>;
