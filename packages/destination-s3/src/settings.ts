import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileExportOptionsSchema, secret } from "@abm-kit/destinations";
import { z } from "zod";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;

/** S3's smallest part of a multipart upload (all parts but the last): 5 MiB. */
export const MIN_PART_SIZE = 5 * MiB;
/** S3's largest part, and largest single PutObject: 5 GiB. */
export const MAX_PART_SIZE = 5 * GiB;
/** S3's largest number of parts in one multipart upload. */
export const MAX_PARTS = 10_000;

/** Storage classes S3 accepts in `x-amz-storage-class` (S3 API reference, PutObject). */
export const StorageClassSchema = z.enum([
  "STANDARD",
  "REDUCED_REDUNDANCY",
  "STANDARD_IA",
  "ONEZONE_IA",
  "INTELLIGENT_TIERING",
  "GLACIER",
  "DEEP_ARCHIVE",
  "GLACIER_IR",
]);

/**
 * The checksum sent with every PutObject / UploadPart and checked by the store
 * (`auto`: `SHA256` on AWS S3, `none` when `endpoint` points at another store).
 */
export const ChecksumAlgorithmSchema = z.enum(["auto", "SHA256", "SHA1", "CRC32", "none"]);
/** A checksum algorithm setting. */
export type ChecksumAlgorithmSetting = z.infer<typeof ChecksumAlgorithmSchema>;

/**
 * The AWS SDK's `requestChecksumCalculation` / `responseChecksumValidation`
 * (`auto`: `WHEN_SUPPORTED` on AWS S3, `WHEN_REQUIRED` when `endpoint` is set).
 */
export const ChecksumCalculationSchema = z.enum(["auto", "WHEN_SUPPORTED", "WHEN_REQUIRED"]);

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
// AWS region names: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-7, il-central-1, …
const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const OTHER_REGION = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** The longest key prefix, in UTF-8 bytes: keys are ≤ 1,024 bytes and file names ≤ 255 characters, with room for the upload journal. */
export const MAX_PREFIX_BYTES = 700;

/** Why `name` is not a valid general-purpose bucket name (S3 bucket naming rules), or undefined. */
function bucketProblem(name: string): string | undefined {
  if (!BUCKET.test(name)) return "a bucket name is 3–63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit";
  if (name.includes("..")) return "a bucket name has no two adjacent dots";
  if (IPV4.test(name)) return "a bucket name is not an IP address";
  if (name.startsWith("xn--") || name.startsWith("sthree-")) return "a bucket name does not start with xn-- or sthree-";
  if (name.endsWith("-s3alias") || name.endsWith("--ol-s3")) return "a bucket name does not end with -s3alias or --ol-s3";
  return undefined;
}

/** Why `prefix` is not a usable key prefix, or undefined. */
function prefixProblem(prefix: string): string | undefined {
  if (Buffer.byteLength(prefix, "utf8") > MAX_PREFIX_BYTES) return `a key prefix is at most ${MAX_PREFIX_BYTES} bytes`;
  if (prefix.startsWith("/")) return "a key prefix does not start with /";
  if (prefix.includes("//")) return "a key prefix has no empty path segment (//)";
  if (prefix.split("/").some((segment) => segment === "." || segment === "..")) return "a key prefix has no . or .. segment";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(prefix)) return "a key prefix has no control characters";
  return undefined;
}

/**
 * Explicit credentials (an IAM user's keys, or temporary ones with a session
 * token). Every field is secret. Other keys (an SDK provider's `expiration`,
 * `$source`, …) are dropped.
 */
export const S3CredentialsSchema = z.object({
  accessKeyId: secret(z.string().min(1)),
  secretAccessKey: secret(z.string().min(1)),
  sessionToken: secret(z.string().min(1)).optional(),
});

/**
 * Settings of the S3 destination: where objects go (bucket, key prefix,
 * region, optional endpoint of an S3-compatible store), credentials (the AWS
 * SDK's default provider chain when absent), encryption, storage class,
 * checksums, multipart upload sizes, and the file export options (format,
 * compression, rows per file, file-name template).
 */
export const S3SettingsSchema = z
  .strictObject({
    ...FileExportOptionsSchema.shape,
    /** The bucket (general-purpose bucket naming rules). */
    bucket: z.string(),
    /** Prepended to every object key (`exports/abm/`); keys are `<prefix><file name>`. */
    keyPrefix: z.string().default(""),
    /** The bucket's region (`eu-west-1`). With `endpoint`, whatever region name the store expects. */
    region: z.string(),
    /** An S3-compatible store's URL (MinIO, Ceph, a local test server). Unset: AWS S3's regional endpoint. */
    endpoint: z.url({ protocol: /^https?$/, error: "an endpoint is an http(s) URL" }).optional(),
    /** Path-style addressing (`<endpoint>/<bucket>/<key>`); default true with `endpoint`, false without. */
    forcePathStyle: z.boolean().optional(),
    /** Explicit credentials; when absent the AWS SDK's default provider chain finds them (environment, profile, SSO, instance role). */
    credentials: S3CredentialsSchema.optional(),
    /** Server-side encryption: the bucket's default (send nothing), SSE-S3 (`AES256`) or SSE-KMS (`aws:kms` with `kmsKeyId`). */
    serverSideEncryption: z.enum(["bucketDefault", "SSE-S3", "SSE-KMS"]).default("bucketDefault"),
    /** The KMS key (id, ARN or alias) for SSE-KMS. */
    kmsKeyId: z.string().min(1).optional(),
    /** Storage class of every object; unset: the store's default (STANDARD). */
    storageClass: StorageClassSchema.optional(),
    checksumAlgorithm: ChecksumAlgorithmSchema.default("auto"),
    checksumCalculation: ChecksumCalculationSchema.default("auto"),
    /** Files larger than this are uploaded in parts (default 16 MiB). */
    multipartThresholdBytes: z
      .number()
      .int()
      .min(MIN_PART_SIZE)
      .max(MAX_PART_SIZE)
      .default(16 * MiB),
    /** Size of each part (default 8 MiB; raised when a file would need more than 10,000 parts). */
    partSizeBytes: z
      .number()
      .int()
      .min(MIN_PART_SIZE)
      .max(MAX_PART_SIZE)
      .default(8 * MiB),
    /** Parts uploaded at once per file (default 4). Memory use is about (queueSize + 1) × partSizeBytes. */
    queueSize: z.number().int().min(1).max(64).default(4),
    /** Attempts per request inside the AWS SDK (its standard retry mode) before the runtime's own retry of the file. */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** A request whose socket is idle this long is abandoned and retried (default 60 s). */
    requestTimeoutMs: z.number().int().min(100).max(3_600_000).default(60_000),
    /** Files larger than this are refused before upload (default 5 TiB, S3's object size limit). */
    maxObjectBytes: z
      .number()
      .int()
      .positive()
      .max(5 * TiB)
      .default(5 * TiB),
    /** Where files are written before upload (removed from there once uploaded). */
    stagingDirectory: z
      .string()
      .min(1)
      .default(() => join(tmpdir(), "abm-kit-s3-staging")),
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
      if (typeof s.region === "string") {
        const aws = s.endpoint === undefined;
        if (aws && !AWS_REGION.test(s.region))
          problem("region", `unknown AWS region ${JSON.stringify(s.region)} (like eu-west-1; set endpoint for another store)`);
        if (!aws && !OTHER_REGION.test(s.region)) problem("region", "a region is a name of letters, digits, - and _");
      }
      if (s.serverSideEncryption === "SSE-KMS" && s.kmsKeyId === undefined) problem("kmsKeyId", "SSE-KMS needs kmsKeyId");
      if (s.serverSideEncryption !== "SSE-KMS" && s.kmsKeyId !== undefined) problem("kmsKeyId", "kmsKeyId is only used with serverSideEncryption SSE-KMS");
      if (typeof s.partSizeBytes === "number" && typeof s.multipartThresholdBytes === "number" && s.partSizeBytes > s.multipartThresholdBytes) {
        problem("partSizeBytes", "partSizeBytes is at most multipartThresholdBytes (a file above the threshold is sent in two parts or more)");
      }
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );

/** S3 settings as given in a plan. */
export type S3SettingsInput = z.input<typeof S3SettingsSchema>;
/** S3 settings after defaults. */
export type S3Settings = z.output<typeof S3SettingsSchema>;
