import { createHash, randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type IncomingMessage, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import { listenOnLoopback, type LoopbackListener } from "@abm-kit/destinations/testing";
import { crc32 } from "node:zlib";
import { decodeAwsChunked } from "./aws-chunked.js";
import { badDigest, errorXml, S3_ERRORS, xmlText, type S3ErrorAnswer } from "./s3-error-xml.js";
import { noS3Faults, s3Operation, type S3Fault, type S3FaultSchedule } from "./s3-faults.js";
import type { S3rverDisk } from "./s3rver-disk.js";
import { checkSignature } from "./sigv4.js";
import type { TestCredentialStore } from "./test-credentials.js";

/** One request the test server saw. */
export interface S3RequestLogEntry {
  readonly index: number;
  readonly method: string;
  /** Path without the query (URI-decoded). */
  readonly path: string;
  readonly operation: string;
  /** Request body bytes received. */
  bytes: number;
  /** The status answered (undefined for a reset or a request left hanging). */
  status: number | undefined;
  /** The injected fault, described (`503 SlowDown`, `reset before apply`). */
  fault: string | undefined;
  /** The S3 error code answered, when the server refused the request. */
  error: string | undefined;
}

/** What the gateway needs: where s3rver listens, its files, the accepted credentials and the S3 behaviour to emulate. */
export interface GatewayOptions {
  readonly upstreamPort: number;
  readonly region: string;
  readonly disk: S3rverDisk;
  readonly credentials: TestCredentialStore;
  readonly faults: S3FaultSchedule;
  /** Verify, keep and report flexible checksums (`x-amz-checksum-*`) as S3 does. */
  readonly checksums: boolean;
  /** Multipart ETags as S3 gives them (`md5(part MD5s)-N`), or s3rver's whole-object MD5. */
  readonly multipartEtag: "aws" | "md5";
  readonly minPartSize: number;
  readonly clock: () => number;
  /** Called when an object has been stored (PutObject, CompleteMultipartUpload), before the client gets the answer. */
  readonly onStored?: (object: StoredObjectEvent) => Promise<void> | void;
}

/** An object the server just stored. */
export interface StoredObjectEvent {
  readonly bucket: string;
  readonly key: string;
  readonly operation: "PutObject" | "CompleteMultipartUpload";
}

type ChecksumAlgorithm = "sha256" | "sha1" | "crc32";
const ALGORITHMS: readonly ChecksumAlgorithm[] = ["sha256", "sha1", "crc32"];
const STORAGE_CLASSES = new Set([
  "STANDARD",
  "REDUCED_REDUNDANCY",
  "STANDARD_IA",
  "ONEZONE_IA",
  "INTELLIGENT_TIERING",
  "GLACIER",
  "DEEP_ARCHIVE",
  "OUTPOSTS",
  "GLACIER_IR",
  "SNOW",
  "EXPRESS_ONEZONE",
]);
const ENCRYPTIONS = new Set(["AES256", "aws:kms", "aws:kms:dsse"]);

/** What S3 keeps about an object beside its bytes (and s3rver does not). */
interface ObjectAttributes {
  checksum?: { algorithm: ChecksumAlgorithm; value: string; type: "FULL_OBJECT" | "COMPOSITE" };
  encryption?: string;
  kmsKeyId?: string;
  storageClass?: string;
  /** An ETag that is not the content's MD5 (SSE-KMS objects). */
  opaqueEtag?: string;
}

interface UploadAttributes extends Omit<ObjectAttributes, "checksum" | "opaqueEtag"> {
  algorithm?: ChecksumAlgorithm;
  parts: Map<number, { md5: Buffer; checksum?: Buffer }>;
}

function digest(algorithm: ChecksumAlgorithm | "md5", bytes: Buffer): Buffer {
  if (algorithm === "crc32") {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(crc32(bytes) >>> 0);
    return out;
  }
  return createHash(algorithm).update(bytes).digest();
}

const header = (headers: IncomingHttpHeaders, name: string) => {
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Reads about half of the announced body, then resets the connection. */
async function resetMidBody(req: IncomingMessage): Promise<number> {
  const announced = Number(header(req.headers, "content-length") ?? 0);
  let seen = 0;
  for await (const chunk of req) {
    seen += (chunk as Buffer).length;
    if (seen >= announced / 2) break;
  }
  req.socket.destroy();
  return seen;
}

function describe(fault: S3Fault): string {
  switch (fault.kind) {
    case "slowDown":
      return "503 SlowDown";
    case "expiredToken":
      return "400 ExpiredToken";
    case "serverError":
      return `${fault.status}${fault.apply ? " after apply" : ""}`;
    default:
      return `${fault.kind}${fault.apply ? " after apply" : " before apply"}`;
  }
}

/**
 * An HTTP server in front of s3rver that makes it answer like S3 where it
 * does not: it checks SigV4 signatures, session tokens and their expiry and
 * the payload hash; verifies, keeps and reports flexible checksums; decodes
 * `aws-chunked` bodies; implements ListMultipartUploads and
 * AbortMultipartUpload; enforces the 5 MiB part minimum; gives multipart
 * ETags in S3's form; keeps encryption and storage class; and injects faults
 * from a schedule.
 */
export async function startS3Gateway(options: GatewayOptions): Promise<{
  readonly url: string;
  readonly log: readonly S3RequestLogEntry[];
  setFaults(schedule: S3FaultSchedule): void;
  close(): Promise<void>;
}> {
  let faults = options.faults ?? noS3Faults;
  let counter = 0;
  const log: S3RequestLogEntry[] = [];
  let listener: LoopbackListener | undefined;
  const objects = new Map<string, ObjectAttributes>();
  const uploads = new Map<string, UploadAttributes>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/xml" });
        res.end(errorXml({ ...S3_ERRORS.internalError, message: error instanceof Error ? error.message : "error" }, req.url ?? "/", "gateway"));
      } else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const index = counter++;
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q < 0 ? "" : rawUrl.slice(q + 1);
    const query = new URLSearchParams(rawQuery);
    const method = req.method ?? "GET";
    const segments = rawPath
      .split("/")
      .slice(1)
      .map((s) => decodeURIComponent(s));
    const bucket = segments[0] ?? "";
    const key = segments.slice(1).join("/");
    const path = `/${segments.join("/")}`;
    const operation = s3Operation(method, rawPath, query);
    const entry: S3RequestLogEntry = { index, method, path, operation, bytes: 0, status: undefined, fault: undefined, error: undefined };
    log.push(entry);
    const requestId = randomBytes(8).toString("hex").toUpperCase();
    const fail = (error: S3ErrorAnswer) => {
      entry.status = error.status;
      entry.error = error.code;
      res.writeHead(error.status, { "content-type": "application/xml", "x-amz-request-id": requestId });
      res.end(method === "HEAD" ? undefined : errorXml(error, path, requestId));
    };
    const malformed = () => {
      entry.status = 200;
      res.writeHead(200, { "content-type": "application/xml", "x-amz-request-id": requestId });
      res.end('<?xml version="1.0" encoding="UTF-8"?>\n<InitiateMultipartUploadResult><Bucket>');
    };

    const fault = faults(index, { method, path, operation });
    entry.fault = fault === undefined ? undefined : describe(fault);
    if (fault?.kind === "reset" && !fault.apply) {
      entry.bytes = await resetMidBody(req);
      return;
    }
    const body = await readBody(req);
    entry.bytes = body.length;
    if (fault !== undefined && !("apply" in fault && fault.apply)) {
      switch (fault.kind) {
        case "slowDown":
          return fail(S3_ERRORS.slowDown);
        case "expiredToken":
          return fail(S3_ERRORS.expiredToken);
        case "serverError":
          return fail(fault.status === 500 ? S3_ERRORS.internalError : S3_ERRORS.serviceUnavailable);
        case "timeout":
          listener!.hang(res);
          return;
        case "malformed":
          return malformed();
      }
    }

    const authProblem = checkSignature({ method, rawPath, rawQuery, headers: req.headers }, options.credentials, options.region, options.clock());
    if (authProblem !== undefined) return fail(authProblem);

    // The payload: as signed, or decoded from aws-chunked with its trailing checksum.
    const claimed = header(req.headers, "x-amz-content-sha256") ?? "UNSIGNED-PAYLOAD";
    let payload = body;
    const checksumHeaders: Record<string, string> = {};
    for (const a of ALGORITHMS) {
      const v = header(req.headers, `x-amz-checksum-${a}`);
      if (v !== undefined) checksumHeaders[a] = v;
    }
    if (claimed.startsWith("STREAMING-") || (header(req.headers, "content-encoding") ?? "").includes("aws-chunked")) {
      const decoded = decodeAwsChunked(body);
      if (decoded === undefined) return fail({ status: 400, code: "IncompleteBody", message: "The request body terminated unexpectedly" });
      payload = decoded.data;
      for (const a of ALGORITHMS) if (decoded.trailers[`x-amz-checksum-${a}`] !== undefined) checksumHeaders[a] = decoded.trailers[`x-amz-checksum-${a}`]!;
    } else if (/^[0-9a-f]{64}$/.test(claimed) && createHash("sha256").update(body).digest("hex") !== claimed) {
      return fail(S3_ERRORS.contentSha256Mismatch);
    }
    const contentMd5 = header(req.headers, "content-md5");
    if (contentMd5 !== undefined && digest("md5", payload).toString("base64") !== contentMd5) return fail(badDigest("Content-MD5"));
    let sentChecksum: { algorithm: ChecksumAlgorithm; raw: Buffer; value: string } | undefined;
    if (options.checksums) {
      for (const [a, value] of Object.entries(checksumHeaders) as [ChecksumAlgorithm, string][]) {
        const raw = digest(a, payload);
        if (raw.toString("base64") !== value) return fail(badDigest(a));
        sentChecksum = { algorithm: a, raw, value };
      }
    }

    const objectId = `${bucket}/${key}`;
    // Operations s3rver lacks, answered here from its files.
    if (operation === "ListMultipartUploads") {
      const prefix = query.get("prefix") ?? "";
      const listed = (await options.disk.uploads(bucket)).filter((u) => u.key.startsWith(prefix));
      const items = listed
        .map(
          (u) =>
            `<Upload><Key>${xmlText(u.key)}</Key><UploadId>${u.uploadId}</UploadId><Initiated>${u.initiated.toISOString()}</Initiated><StorageClass>STANDARD</StorageClass></Upload>`,
        )
        .join("");
      entry.status = 200;
      res.writeHead(200, { "content-type": "application/xml", "x-amz-request-id": requestId });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<ListMultipartUploadsResult><Bucket>${xmlText(bucket)}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker>` +
          `<Prefix>${xmlText(prefix)}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>${items}</ListMultipartUploadsResult>`,
      );
      return;
    }
    if (operation === "AbortMultipartUpload") {
      const uploadId = query.get("uploadId") ?? "";
      if ((await options.disk.uploadKey(bucket, uploadId)) !== key) return fail(S3_ERRORS.noSuchUpload);
      await options.disk.abort(bucket, uploadId);
      uploads.delete(uploadId);
      return afterApply(204, { "x-amz-request-id": requestId }, Buffer.alloc(0));
    }
    if (operation === "PutObject" || operation === "CreateMultipartUpload") {
      const storageClass = header(req.headers, "x-amz-storage-class");
      if (storageClass !== undefined && !STORAGE_CLASSES.has(storageClass)) return fail(S3_ERRORS.invalidStorageClass);
      const encryption = header(req.headers, "x-amz-server-side-encryption");
      if (encryption !== undefined && !ENCRYPTIONS.has(encryption)) return fail(S3_ERRORS.invalidEncryption);
    }
    let completedParts: number[] = [];
    if (operation === "UploadPart" || operation === "CompleteMultipartUpload") {
      const uploadId = query.get("uploadId") ?? "";
      if ((await options.disk.uploadKey(bucket, uploadId)) !== key) return fail(S3_ERRORS.noSuchUpload);
    }
    if (operation === "CompleteMultipartUpload") {
      const uploadId = query.get("uploadId")!;
      completedParts = [...payload.toString("utf8").matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
      const sizes = await options.disk.partSizes(bucket, uploadId);
      for (const [i, n] of completedParts.entries()) {
        if (!sizes.has(n)) return fail({ status: 400, code: "InvalidPart", message: "One or more of the specified parts could not be found." });
        if (i < completedParts.length - 1 && sizes.get(n)! < options.minPartSize) return fail(S3_ERRORS.entityTooSmall);
      }
    }

    // Forward to s3rver (unsigned: the signature was checked here).
    const forwarded: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (
        value === undefined ||
        [
          "authorization",
          "x-amz-security-token",
          "content-encoding",
          "x-amz-decoded-content-length",
          "transfer-encoding",
          "content-length",
          "x-amz-trailer",
        ].includes(name)
      )
        continue;
      forwarded[name] = value;
    }
    forwarded["content-length"] = String(payload.length);
    forwarded["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD";
    const upstream = await new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const up = httpRequest({ host: "127.0.0.1", port: options.upstreamPort, method, path: rawUrl, headers: forwarded }, async (answer) => {
        try {
          resolve({ status: answer.statusCode ?? 500, headers: answer.headers, body: await readBody(answer) });
        } catch (error) {
          reject(error);
        }
      });
      up.on("error", reject);
      up.end(payload);
    });

    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(upstream.headers)) {
      if (value === undefined || ["transfer-encoding", "connection", "keep-alive", "date"].includes(name)) continue;
      if (name === "content-length" && method !== "HEAD") continue;
      responseHeaders[name] = Array.isArray(value) ? value.join(",") : value;
    }
    let responseBody = upstream.body;
    const ok = upstream.status >= 200 && upstream.status < 300;
    if (ok) {
      const encryption = header(req.headers, "x-amz-server-side-encryption");
      const kmsKeyId = header(req.headers, "x-amz-server-side-encryption-aws-kms-key-id");
      const storageClass = header(req.headers, "x-amz-storage-class");
      const stored: Omit<ObjectAttributes, "checksum" | "opaqueEtag"> = {
        ...(encryption !== undefined ? { encryption } : {}),
        ...(encryption?.startsWith("aws:kms") ? { kmsKeyId: kmsKeyId ?? `arn:aws:kms:${options.region}:000000000000:alias/aws/s3` } : {}),
        ...(storageClass !== undefined ? { storageClass } : {}),
      };
      if (operation === "PutObject") {
        const attributes: ObjectAttributes = { ...stored };
        if (sentChecksum !== undefined) attributes.checksum = { algorithm: sentChecksum.algorithm, value: sentChecksum.value, type: "FULL_OBJECT" };
        if (attributes.encryption?.startsWith("aws:kms")) {
          attributes.opaqueEtag = randomBytes(16).toString("hex");
          await options.disk.setEtag(bucket, key, attributes.opaqueEtag);
          responseHeaders.etag = JSON.stringify(attributes.opaqueEtag);
        }
        objects.set(objectId, attributes);
      } else if (operation === "CreateMultipartUpload") {
        const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(upstream.body.toString("utf8"))?.[1];
        const algorithm = header(req.headers, "x-amz-checksum-algorithm")?.toLowerCase() as ChecksumAlgorithm | undefined;
        if (uploadId !== undefined)
          uploads.set(uploadId, { ...stored, ...(algorithm !== undefined && ALGORITHMS.includes(algorithm) ? { algorithm } : {}), parts: new Map() });
      } else if (operation === "UploadPart") {
        const upload = uploads.get(query.get("uploadId")!);
        upload?.parts.set(Number(query.get("partNumber")), {
          md5: digest("md5", payload),
          ...(sentChecksum !== undefined ? { checksum: sentChecksum.raw } : {}),
        });
        if (sentChecksum !== undefined) responseHeaders[`x-amz-checksum-${sentChecksum.algorithm}`] = sentChecksum.value;
      } else if (operation === "CompleteMultipartUpload") {
        const uploadId = query.get("uploadId")!;
        const upload = uploads.get(uploadId);
        uploads.delete(uploadId);
        const attributes: ObjectAttributes = {
          ...(upload !== undefined ? { encryption: upload.encryption, kmsKeyId: upload.kmsKeyId, storageClass: upload.storageClass } : {}),
        };
        const parts = completedParts.map((n) => upload?.parts.get(n));
        const n = completedParts.length;
        let etag: string | undefined;
        if (upload?.encryption?.startsWith("aws:kms")) etag = attributes.opaqueEtag = `${randomBytes(16).toString("hex")}-${n}`;
        else if (options.multipartEtag === "aws" && parts.every((p) => p !== undefined))
          etag = `${digest("md5", Buffer.concat(parts.map((p) => p!.md5))).toString("hex")}-${n}`;
        if (etag !== undefined) {
          await options.disk.setEtag(bucket, key, etag);
          responseBody = Buffer.from(responseBody.toString("utf8").replace(/<ETag>[^<]*<\/ETag>/, `<ETag>${xmlText(JSON.stringify(etag))}</ETag>`));
        }
        const algorithm = upload?.algorithm;
        if (options.checksums && algorithm !== undefined && parts.every((p) => p?.checksum !== undefined)) {
          const composite = digest(algorithm, Buffer.concat(parts.map((p) => p!.checksum!))).toString("base64");
          attributes.checksum = { algorithm, value: `${composite}-${n}`, type: "COMPOSITE" };
        }
        objects.set(objectId, attributes);
      } else if (operation === "DeleteObject") {
        objects.delete(objectId);
      } else if (operation === "HeadObject" || operation === "GetObject") {
        const attributes = objects.get(objectId);
        if (attributes?.encryption !== undefined) responseHeaders["x-amz-server-side-encryption"] = attributes.encryption;
        if (attributes?.kmsKeyId !== undefined) responseHeaders["x-amz-server-side-encryption-aws-kms-key-id"] = attributes.kmsKeyId;
        if (attributes?.storageClass !== undefined && attributes.storageClass !== "STANDARD") responseHeaders["x-amz-storage-class"] = attributes.storageClass;
        const ranged = header(req.headers, "range") !== undefined;
        if (attributes?.checksum !== undefined && header(req.headers, "x-amz-checksum-mode") === "ENABLED" && !ranged) {
          responseHeaders[`x-amz-checksum-${attributes.checksum.algorithm}`] = attributes.checksum.value;
          responseHeaders["x-amz-checksum-type"] = attributes.checksum.type;
        }
      }
    }
    if (ok && (operation === "PutObject" || operation === "CompleteMultipartUpload")) await options.onStored?.({ bucket, key, operation });
    return afterApply(upstream.status, responseHeaders, responseBody);

    function afterApply(status: number, headers: Record<string, string>, payloadOut: Buffer): void {
      if (fault !== undefined && "apply" in fault && fault.apply) {
        switch (fault.kind) {
          case "serverError":
            return fail(fault.status === 500 ? S3_ERRORS.internalError : S3_ERRORS.serviceUnavailable);
          case "reset":
            req.socket.destroy();
            return;
          case "timeout":
            listener!.hang(res);
            return;
          case "malformed":
            return malformed();
        }
      }
      entry.status = status;
      if (status >= 400) entry.error = /<Code>([^<]+)<\/Code>/.exec(payloadOut.toString("utf8"))?.[1] ?? String(status);
      if (method !== "HEAD") headers["content-length"] = String(payloadOut.length);
      res.writeHead(status, headers);
      res.end(method === "HEAD" ? undefined : payloadOut);
    }
  }

  listener = await listenOnLoopback(server);
  return {
    url: listener.url,
    log,
    setFaults(schedule) {
      faults = schedule;
    },
    close: listener.close,
  };
}
