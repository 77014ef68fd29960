import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { startS3Gateway, type S3RequestLogEntry, type StoredObjectEvent } from "./s3-gateway.js";
import { noS3Faults, type S3FaultSchedule } from "./s3-faults.js";
import { S3rverDisk } from "./s3rver-disk.js";
import type { TestCredentials } from "./sigv4.js";
import { randomCredentials, TestCredentialStore } from "./test-credentials.js";

/** The part of s3rver's API the server uses (s3rver ships no type declarations). */
interface S3rverConstructor {
  new (options: {
    address: string;
    port: number;
    silent: boolean;
    directory: string;
    configureBuckets: { name: string }[];
  }): {
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  };
}
/** Loaded when a server starts, so importing this module does not need s3rver installed. */
const S3RVER_MODULE: string = "s3rver";

/** Options of {@link startS3Server}. */
export interface S3ServerOptions {
  /** Buckets to create (default `["abm-kit-test"]`). */
  readonly buckets?: readonly string[];
  /** The region requests must be signed for (default `us-east-1`). */
  readonly region?: string;
  /** Faults to inject (default none); {@link S3TestServer.setFaults} changes them later. */
  readonly faults?: S3FaultSchedule;
  /** Verify, keep and report `x-amz-checksum-*` checksums as S3 does (default true). */
  readonly checksums?: boolean;
  /** Multipart ETags as S3 gives them (`"aws"`, default) or s3rver's whole-object MD5 (`"md5"`). */
  readonly multipartEtag?: "aws" | "md5";
  /** The smallest part but the last (default 5 MiB, as S3). */
  readonly minPartSize?: number;
  /** Where objects are kept (default a new temporary folder, removed on close). */
  readonly directory?: string;
  /** Milliseconds since the epoch for the signature's clock-skew check (default the system clock). */
  readonly clock?: () => number;
  /**
   * Called each time an object is stored (PutObject, CompleteMultipartUpload),
   * before the client is answered: a test can act as a reader at that moment.
   */
  readonly onStored?: (object: StoredObjectEvent) => Promise<void> | void;
}

/** An object as the server holds it. */
export interface StoredObject {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
}

/** A running local S3-protocol server. */
export interface S3TestServer {
  /** `http://127.0.0.1:<port>`: give it as the `endpoint` setting. */
  readonly endpoint: string;
  readonly region: string;
  /** The first bucket. */
  readonly bucket: string;
  /** Credentials the server accepts (long-term: an `AKIA…` key id and its secret); a fresh copy each time. */
  readonly credentials: TestCredentials;
  /** `{ bucket, region, endpoint, credentials }` for the S3 destination's settings. */
  settings(): { bucket: string; region: string; endpoint: string; credentials: TestCredentials };
  /** Every request so far, with the fault injected and the status answered. */
  readonly requests: readonly S3RequestLogEntry[];
  /** Issues temporary credentials (with a session token) the server accepts until {@link expireCredentials}. */
  issueCredentials(): TestCredentials;
  /** Requests signed with this key id are answered 400 ExpiredToken from now on. */
  expireCredentials(accessKeyId: string): void;
  /** Every secret the server issued (key ids, secrets, session tokens). */
  secrets(): string[];
  setFaults(schedule: S3FaultSchedule): void;
  /** The objects under a prefix, by key. */
  objects(prefix?: string, bucket?: string): Promise<StoredObject[]>;
  /** An object's bytes. */
  read(key: string, bucket?: string): Promise<Buffer>;
  /** Unfinished multipart uploads (parts kept on the server). */
  multipartUploads(bucket?: string): Promise<{ key: string; uploadId: string }[]>;
  close(): Promise<void>;
}

/**
 * Starts a local S3-protocol server on 127.0.0.1 (an ephemeral port): s3rver
 * behind a gateway that answers like S3 where s3rver does not — SigV4
 * signatures and session tokens are checked (wrong keys get 403
 * SignatureDoesNotMatch / InvalidAccessKeyId, expired tokens 400
 * ExpiredToken), payload hashes and `x-amz-checksum-*` are verified (400
 * BadDigest) and checksums kept and reported, `aws-chunked` bodies are
 * decoded, ListMultipartUploads and AbortMultipartUpload work, parts below
 * 5 MiB are refused at completion (400 EntityTooSmall), multipart ETags take
 * S3's `md5-of-part-md5s-N` form, SSE and storage class are kept — and faults
 * (503 SlowDown, 5xx, resets mid-part, timeouts, expired tokens) are injected
 * from a schedule. Needs the `s3rver` package (a peer dependency).
 *
 * @example
 * ```ts
 * import { startS3Server } from "@abm-kit/destination-s3/testing";
 *
 * const server = await startS3Server();
 * const settings = { ...server.settings(), keyPrefix: "exports/" };
 * // … activate(plan with destination { id: "s3", settings }, …)
 * console.log(await server.objects("exports/"));
 * await server.close();
 * ```
 */
export async function startS3Server(options: S3ServerOptions = {}): Promise<S3TestServer> {
  let S3rver: S3rverConstructor;
  try {
    S3rver = ((await import(S3RVER_MODULE)) as { default: S3rverConstructor }).default;
  } catch {
    throw new Error("startS3Server needs the s3rver package: add it to your devDependencies");
  }
  const buckets = options.buckets ?? ["abm-kit-test"];
  const region = options.region ?? "us-east-1";
  const ownDirectory = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), "abm-kit-s3rver-")));
  const s3rver = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
  const { port } = await s3rver.run();
  const credentialStore = new TestCredentialStore();
  const credentials = credentialStore.add(randomCredentials(false));
  const disk = new S3rverDisk(directory);
  const gateway = await startS3Gateway({
    upstreamPort: port,
    region,
    disk,
    credentials: credentialStore,
    faults: options.faults ?? noS3Faults,
    checksums: options.checksums ?? true,
    multipartEtag: options.multipartEtag ?? "aws",
    minPartSize: options.minPartSize ?? 5 * 1024 * 1024,
    clock: options.clock ?? (() => Date.now()),
    ...(options.onStored !== undefined ? { onStored: options.onStored } : {}),
  });
  // Inspection goes to s3rver directly: no faults, not logged. s3rver checks signatures against its own account.
  const direct = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    region,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const first = buckets[0]!;

  return {
    endpoint: gateway.url,
    region,
    bucket: first,
    // copies: the AWS SDK writes into credentials objects it is given
    get credentials() {
      return { ...credentials };
    },
    settings: () => ({ bucket: first, region, endpoint: gateway.url, credentials: { ...credentials } }),
    requests: gateway.log,
    issueCredentials: () => ({ ...credentialStore.add(randomCredentials(true)) }),
    expireCredentials: (accessKeyId) => credentialStore.expire(accessKeyId),
    secrets: () => credentialStore.secrets(),
    setFaults: (schedule) => gateway.setFaults(schedule),
    async objects(prefix = "", bucket = first) {
      const out: StoredObject[] = [];
      let token: string | undefined;
      do {
        const page = await direct.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) out.push({ key: o.Key!, size: o.Size ?? 0, etag: (o.ETag ?? "").replace(/"/g, "") });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
      return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    async read(key, bucket = first) {
      const answer = await direct.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await answer.Body!.transformToByteArray());
    },
    async multipartUploads(bucket = first) {
      return (await disk.uploads(bucket)).map(({ key, uploadId }) => ({ key, uploadId }));
    },
    async close() {
      await gateway.close();
      direct.destroy();
      await s3rver.close();
      if (ownDirectory) await rm(directory, { recursive: true, force: true });
    },
  };
}
