import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { describeFault, listenOnLoopback, type Fault, type LoopbackListener } from "@abm-kit/destinations/testing";
import type { GcsSettingsInput, ServiceAccountKey } from "../settings.js";
import { crc32cBase64 } from "./crc32c.js";
import {
  backendError,
  conditionNotMet,
  gcsError,
  invalid,
  invalidCredentials,
  loginRequired,
  noSuchBucket,
  noSuchObject,
  rateLimited,
  type GcsErrorResponse,
} from "./gcs-error-envelope.js";
import { noGcsFaults, type GcsFaultSchedule, type GcsOperation, type GcsRequestInfo } from "./gcs-faults.js";
import { checkAssertion } from "./jwt-check.js";
import { parseMultipartRelated } from "./multipart-related.js";
import { createTestServiceAccount } from "./test-service-account.js";

/** Every chunk of a resumable upload but the last is a multiple of 256 KiB (GCS docs, "Perform resumable uploads", https://cloud.google.com/storage/docs/performing-resumable-uploads#chunked-upload). */
const CHUNK_GRANULARITY = 256 * 1024;
/** Objects per page of a list (JSON API, objects.list: `maxResults` defaults to 1,000). */
const LIST_PAGE = 1000;
const KMS_KEY = /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

/** An object the server holds. */
export interface StoredObject {
  readonly name: string;
  readonly bytes: Buffer;
  readonly generation: number;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>> | undefined;
  readonly md5Hash: string;
  readonly crc32c: string;
  readonly storageClass: string;
  readonly kmsKeyName: string | undefined;
  readonly created: string;
}

/** A resumable upload session. */
export interface UploadSession {
  readonly id: string;
  readonly name: string;
  /** Bytes the server holds (persisted chunks). */
  readonly received: number;
  readonly expectedSize: number | undefined;
  readonly state: "active" | "finalized" | "cancelled";
}

/** One request the server saw. */
export interface GcsRequestLogEntry {
  readonly index: number;
  readonly method: string;
  readonly operation: GcsOperation;
  readonly object: string | undefined;
  /** Body bytes received. */
  readonly bytes: number;
  readonly contentRange: string | undefined;
  readonly fault: string | undefined;
  status: number | undefined;
}

/** Options of {@link startGcsServer}. */
export interface GcsServerOptions {
  /** The bucket that exists (default `abm-kit-test`); other buckets answer 404. */
  readonly bucket?: string;
  readonly faults?: GcsFaultSchedule;
  /** Token lifetime in seconds (default 3,600, as Google issues). */
  readonly tokenLifetimeSeconds?: number;
  /** The server's clock in ms since the epoch (token issue and expiry, object times); default the wall clock. */
  readonly now?: () => number;
  /** Called after an object is stored (before the answer is sent). */
  readonly onStored?: (object: StoredObject) => void | Promise<void>;
}

/** A running local GCS JSON API server. */
export interface GcsTestServer {
  /** `http://127.0.0.1:<port>`: the `apiEndpoint`. */
  readonly url: string;
  readonly bucket: string;
  /** The service account the server trusts (its token endpoint verifies assertions signed by this key). */
  readonly serviceAccountKey: ServiceAccountKey;
  /** Settings that point the GCS destination here, with the service account key. */
  settings(): GcsSettingsInput & { bucket: string; apiEndpoint: string; serviceAccountKey: ServiceAccountKey };
  /** Every request, in order. */
  readonly requests: readonly GcsRequestLogEntry[];
  /** The objects under a prefix, by name. */
  objects(prefix?: string): StoredObject[];
  /** An object's bytes; throws when there is none. */
  read(name: string): Buffer;
  /** Resumable sessions, oldest first. */
  sessions(): UploadSession[];
  /** Access tokens issued so far, and the service account's private key: what must never appear in output. */
  secrets(): string[];
  /** Makes every issued token expire now: later requests with them get 401 until the client fetches a new one. */
  expireTokens(): void;
  setFaults(schedule: GcsFaultSchedule): void;
  close(): Promise<void>;
}

interface Session {
  id: string;
  name: string;
  metadata: Record<string, unknown>;
  kmsKeyName: string | undefined;
  expectedSize: number | undefined;
  ifGenerationMatch: string | null;
  chunks: Buffer[];
  received: number;
  state: "active" | "finalized" | "cancelled";
  object: StoredObject | undefined;
}

interface Answer {
  status: number;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

const fromError = (e: GcsErrorResponse): Answer => ({ status: e.status, body: e.body, ...(e.headers ? { headers: e.headers } : {}) });

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Requests to a resumable session URI (chunks, status queries, cancellation). */
const usesSessionUri = (operation: GcsOperation) => operation === "resumable.chunk" || operation === "resumable.cancel";

/** The operation and object of a request, from its method, path and query. */
function classify(method: string, path: string, query: URLSearchParams, tokenPath: string): { operation: GcsOperation; bucket?: string; object?: string } {
  if (path === tokenPath) return { operation: "token" };
  let m = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(path);
  if (m !== null) {
    const bucket = decodeURIComponent(m[1]!);
    const uploadType = query.get("uploadType");
    const object = query.get("name") ?? undefined;
    if (query.has("upload_id")) {
      if (method === "DELETE") return { operation: "resumable.cancel", bucket, ...(object ? { object } : {}) };
      return { operation: "resumable.chunk", bucket, ...(object ? { object } : {}) };
    }
    if (method === "POST" && uploadType === "resumable") return { operation: "resumable.initiate", bucket, ...(object ? { object } : {}) };
    if (method === "POST" && uploadType === "multipart") return { operation: "insert.multipart", bucket, ...(object ? { object } : {}) };
    if (method === "POST" && uploadType === "media") return { operation: "insert.media", bucket, ...(object ? { object } : {}) };
    return { operation: "unknown", bucket };
  }
  m = /^\/storage\/v1\/b\/([^/]+)\/o$/.exec(path);
  if (m !== null && method === "GET") return { operation: "objects.list", bucket: decodeURIComponent(m[1]!) };
  m = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(path);
  if (m !== null) {
    const bucket = decodeURIComponent(m[1]!);
    const object = decodeURIComponent(m[2]!);
    if (method === "GET") return { operation: query.get("alt") === "media" ? "objects.media" : "objects.get", bucket, object };
    if (method === "DELETE") return { operation: "objects.delete", bucket, object };
  }
  return { operation: "unknown" };
}

/**
 * Starts a local server of the GCS JSON API (127.0.0.1, ephemeral port) for
 * one bucket, with its own OAuth token endpoint at `/token` and a service
 * account whose key it trusts. It serves simple (`media`), multipart and
 * resumable uploads (initiate, chunks with Content-Range, 308 Resume
 * Incomplete, status query, finalise, cancel), objects.list, objects.get
 * (metadata with md5Hash and crc32c, or media), and objects.delete, and
 * rejects what GCS rejects (each rule cites its source). Faults are injected
 * by `faults`.
 */
export async function startGcsServer(options: GcsServerOptions = {}): Promise<GcsTestServer> {
  const bucketName = options.bucket ?? "abm-kit-test";
  const clock = options.now ?? (() => Date.now());
  const tokenLifetime = options.tokenLifetimeSeconds ?? 3600;
  const tokenPath = "/token";
  let faults = options.faults ?? noGcsFaults;
  let counter = 0;
  let generationCounter = 1_700_000_000_000_000;
  const objects = new Map<string, StoredObject>();
  const sessions = new Map<string, Session>();
  const tokens = new Map<string, number>();
  const requests: GcsRequestLogEntry[] = [];
  let listener: LoopbackListener | undefined;
  // the token URL is known once the port is: the account is made after listening
  let account: ReturnType<typeof createTestServiceAccount> | undefined;

  const objectResource = (o: StoredObject) => ({
    kind: "storage#object",
    id: `${bucketName}/${o.name}/${o.generation}`,
    selfLink: `${listener!.url}/storage/v1/b/${bucketName}/o/${encodeURIComponent(o.name)}`,
    mediaLink: `${listener!.url}/download/storage/v1/b/${bucketName}/o/${encodeURIComponent(o.name)}?generation=${o.generation}&alt=media`,
    name: o.name,
    bucket: bucketName,
    generation: String(o.generation),
    metageneration: "1",
    contentType: o.contentType,
    storageClass: o.storageClass,
    size: String(o.bytes.length),
    md5Hash: o.md5Hash,
    crc32c: o.crc32c,
    etag: Buffer.from(String(o.generation)).toString("base64"),
    timeCreated: o.created,
    updated: o.created,
    ...(o.metadata !== undefined ? { metadata: o.metadata } : {}),
    ...(o.kmsKeyName !== undefined ? { kmsKeyName: o.kmsKeyName } : {}),
  });

  /** Generation preconditions (GCS docs, "Request preconditions", https://cloud.google.com/storage/docs/request-preconditions): `ifGenerationMatch=0` means "no live object". */
  const preconditionFails = (query: URLSearchParams, existing: StoredObject | undefined, ifGenerationMatch = query.get("ifGenerationMatch")): boolean => {
    if (ifGenerationMatch !== null && String(existing?.generation ?? 0) !== ifGenerationMatch) return true;
    const notMatch = query.get("ifGenerationNotMatch");
    if (notMatch !== null && String(existing?.generation ?? 0) === notMatch) return true;
    const metaMatch = query.get("ifMetagenerationMatch");
    if (metaMatch !== null && (existing === undefined || metaMatch !== "1")) return true;
    return false;
  };

  /** A `kmsKeyName` must name a CryptoKey (JSON API, objects.insert: `kmsKeyName`); the object records the key version used. */
  const kmsOf = (query: URLSearchParams, metadata: Record<string, unknown>): { kms: string | undefined } | GcsErrorResponse => {
    const name = query.get("kmsKeyName") ?? (typeof metadata.kmsKeyName === "string" ? metadata.kmsKeyName : undefined);
    if (name === undefined) return { kms: undefined };
    if (!KMS_KEY.test(name)) return invalid(`Invalid Cloud KMS key name: ${name}`);
    return { kms: `${name}/cryptoKeyVersions/1` };
  };

  /**
   * Stores an object. When the metadata carries `crc32c` / `md5Hash`, GCS
   * checks the received bytes against them and refuses a mismatch with 400
   * (GCS docs, "Data validation and change detection",
   * https://cloud.google.com/storage/docs/data-validation; message wording: assumption).
   */
  const store = async (
    name: string,
    bytes: Buffer,
    metadata: Record<string, unknown>,
    kms: string | undefined,
    contentType: string | undefined,
    hashHeader?: string,
  ): Promise<StoredObject | GcsErrorResponse> => {
    const crc32c = crc32cBase64(bytes);
    const md5Hash = createHash("md5").update(bytes).digest("base64");
    const claimedCrc = typeof metadata.crc32c === "string" ? metadata.crc32c : /crc32c=([^,\s]+)/.exec(hashHeader ?? "")?.[1];
    const claimedMd5 = typeof metadata.md5Hash === "string" ? metadata.md5Hash : /md5=([^,\s]+)/.exec(hashHeader ?? "")?.[1];
    if (claimedCrc !== undefined && claimedCrc !== crc32c) return invalid(`Provided CRC32C "${claimedCrc}" doesn't match calculated CRC32C "${crc32c}".`);
    if (claimedMd5 !== undefined && claimedMd5 !== md5Hash) return invalid(`Provided MD5 hash "${claimedMd5}" doesn't match calculated MD5 hash "${md5Hash}".`);
    const custom = metadata.metadata;
    const object: StoredObject = {
      name,
      bytes,
      generation: generationCounter++,
      contentType: contentType ?? (typeof metadata.contentType === "string" ? metadata.contentType : "application/octet-stream"),
      metadata: typeof custom === "object" && custom !== null ? Object.fromEntries(Object.entries(custom).map(([k, v]) => [k, String(v)])) : undefined,
      md5Hash,
      crc32c,
      storageClass: typeof metadata.storageClass === "string" ? metadata.storageClass : "STANDARD",
      kmsKeyName: kms,
      created: new Date(clock()).toISOString(),
    };
    objects.set(name, object);
    await options.onStored?.(object);
    return object;
  };

  /** Object names are 1–1,024 bytes of UTF-8 without CR or LF (GCS docs, "Object naming requirements"). */
  const nameProblem = (name: string | undefined): GcsErrorResponse | undefined => {
    if (name === undefined || name === "") return gcsError(400, "required", "Required");
    if (Buffer.byteLength(name) > 1024 || /[\r\n]/.test(name)) return invalid("The specified object name is not valid.");
    return undefined;
  };

  const token = (body: Buffer, headers: IncomingMessage["headers"]): Answer => {
    // The token endpoint (Google, "Using OAuth 2.0 for Server to Server Applications", HTTP/REST): a form POST with
    // grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer and the signed assertion.
    if (!/application\/x-www-form-urlencoded/i.test(headers["content-type"] ?? ""))
      return { status: 400, body: { error: "invalid_request", error_description: "Bad Request" } };
    const form = new URLSearchParams(body.toString("utf8"));
    if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer")
      return { status: 400, body: { error: "unsupported_grant_type", error_description: `Invalid grant_type: ${form.get("grant_type") ?? ""}` } };
    const assertion = form.get("assertion");
    if (assertion === null) return { status: 400, body: { error: "invalid_request", error_description: "Missing required parameter: assertion" } };
    const checked = checkAssertion(assertion, {
      publicKey: account!.publicKey,
      keyId: account!.key.private_key_id,
      issuer: account!.key.client_email,
      audience: `${listener!.url}${tokenPath}`,
      nowSeconds: Math.floor(clock() / 1000),
    });
    if ("error" in checked) return { status: 400, body: checked };
    if (!/devstorage\.(read_write|full_control)|cloud-platform/.test(checked.scope))
      return { status: 400, body: { error: "invalid_scope", error_description: "The scope does not allow writing objects." } };
    const accessToken = `ya29.test-${randomBytes(24).toString("base64url")}`;
    tokens.set(accessToken, clock() + tokenLifetime * 1000);
    return { status: 200, body: { access_token: accessToken, expires_in: tokenLifetime, token_type: "Bearer" } };
  };

  /** Bearer tokens (GCS docs, "HTTP status and error codes for JSON": 401 `required` without credentials, `authError` for invalid ones). */
  const authProblem = (headers: IncomingMessage["headers"]): GcsErrorResponse | undefined => {
    const header = headers.authorization;
    if (header === undefined || header === "") return loginRequired();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const expires = match === null ? undefined : tokens.get(match[1]!);
    if (expires === undefined || expires <= clock()) return invalidCredentials();
    return undefined;
  };

  const resumableChunk = async (session: Session, body: Buffer, headers: IncomingMessage["headers"]): Promise<Answer> => {
    // A cancelled session answers 410 to later requests, an unknown one 404 (assumption: GCS docs say such requests fail with 4xx).
    if (session.state === "cancelled") return fromError(gcsError(410, "gone", "The upload session was cancelled."));
    if (session.state === "finalized") return { status: 200, body: objectResource(session.object!) };
    const range = headers["content-range"];
    const persisted = () => (session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : undefined);
    // 308 Resume Incomplete with Range: bytes=0-<last persisted> (GCS docs, "Perform resumable uploads": check the status of an upload)
    const incomplete = (): Answer => ({ status: 308, headers: persisted() ?? {} });
    if (range === undefined) {
      if (body.length === 0) return incomplete();
      return fromError(invalid("Content-Range is required for a chunk of a resumable upload."));
    }
    const status = /^bytes \*\/(\d+|\*)$/.exec(range);
    if (status !== null) {
      // a status query (Content-Range: bytes */<size> with an empty body); all bytes in: the upload finalises
      if (body.length !== 0) return fromError(invalid(`Failed to parse Content-Range header: ${range}`));
      if (status[1] !== "*" && Number(status[1]) === session.received) return finalise(session, headers);
      return incomplete();
    }
    const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(range);
    if (m === null) return fromError(invalid(`Failed to parse Content-Range header: ${range}`));
    const first = Number(m[1]);
    const last = Number(m[2]);
    const total = m[3] === "*" ? undefined : Number(m[3]);
    if (last < first || last - first + 1 !== body.length)
      return fromError(invalid(`The Content-Range ${range} does not match the ${body.length} bytes of the request body.`));
    if (total !== undefined && last >= total) return fromError(invalid(`The Content-Range ${range} ends past the object's size.`));
    if (session.expectedSize !== undefined && total !== undefined && total !== session.expectedSize)
      return fromError(invalid(`The object size ${total} differs from X-Upload-Content-Length ${session.expectedSize}.`));
    // a chunk starting past the persisted bytes would leave a gap (assumption: 400); bytes GCS already holds are ignored
    if (first > session.received) return fromError(invalid(`The chunk starts at ${first}, but the upload holds ${session.received} bytes.`));
    const final = total !== undefined && last + 1 === total;
    // every chunk but the last is a multiple of 256 KiB (GCS docs, "Perform resumable uploads"; GCS's message)
    if (!final && body.length % CHUNK_GRANULARITY !== 0) {
      return fromError(
        invalid(
          `Invalid request. The number of bytes uploaded is required to be equal or greater than 262144, except for the final request (it's recommended to be the exact multiple of 262144). The received request contained ${body.length} bytes, which does not meet this requirement.`,
        ),
      );
    }
    const fresh = body.subarray(session.received - first);
    if (fresh.length > 0) {
      session.chunks.push(Buffer.from(fresh));
      session.received += fresh.length;
    }
    if (final) return finalise(session, headers);
    return incomplete();
  };

  const finalise = async (session: Session, headers: IncomingMessage["headers"]): Promise<Answer> => {
    const bytes = Buffer.concat(session.chunks);
    if (session.expectedSize !== undefined && bytes.length !== session.expectedSize)
      return fromError(invalid(`The upload holds ${bytes.length} bytes, X-Upload-Content-Length said ${session.expectedSize}.`));
    if (preconditionFails(new URLSearchParams(), objects.get(session.name), session.ifGenerationMatch)) return fromError(conditionNotMet());
    const header = headers["x-goog-hash"];
    const stored = await store(session.name, bytes, session.metadata, session.kmsKeyName, undefined, Array.isArray(header) ? header.join(",") : header);
    if ("status" in stored) return fromError(stored);
    session.state = "finalized";
    session.object = stored;
    session.chunks = [];
    return { status: 200, body: objectResource(stored) };
  };

  const handle = async (op: ReturnType<typeof classify>, method: string, url: URL, headers: IncomingMessage["headers"], body: Buffer): Promise<Answer> => {
    const query = url.searchParams;
    if (op.operation === "token") return token(body, headers);
    if (op.operation === "unknown") return fromError(gcsError(404, "notFound", "Not Found"));
    // A session URI authorises the requests that use it; they carry no token (GCS docs, "Resumable uploads": session URIs,
    // https://cloud.google.com/storage/docs/resumable-uploads#session-uris). Every other request needs a valid bearer token.
    const auth = usesSessionUri(op.operation) ? undefined : authProblem(headers);
    if (auth !== undefined) return fromError(auth);
    if (op.bucket !== bucketName) return fromError(noSuchBucket());

    switch (op.operation) {
      case "insert.media": {
        const problem = nameProblem(op.object);
        if (problem) return fromError(problem);
        if (preconditionFails(query, objects.get(op.object!))) return fromError(conditionNotMet());
        const kms = kmsOf(query, {});
        if ("status" in kms) return fromError(kms);
        const stored = await store(op.object!, body, {}, kms.kms, headers["content-type"]);
        return "status" in stored ? fromError(stored) : { status: 200, body: objectResource(stored) };
      }
      case "insert.multipart": {
        const parsed = parseMultipartRelated(body, headers["content-type"]);
        if (parsed === undefined) return fromError(invalid("Metadata part is too large or the multipart body is malformed."));
        const name = op.object ?? (typeof parsed.metadata.name === "string" ? parsed.metadata.name : undefined);
        const problem = nameProblem(name);
        if (problem) return fromError(problem);
        if (preconditionFails(query, objects.get(name!))) return fromError(conditionNotMet());
        const kms = kmsOf(query, parsed.metadata);
        if ("status" in kms) return fromError(kms);
        const stored = await store(
          name!,
          parsed.media,
          parsed.metadata,
          kms.kms,
          typeof parsed.metadata.contentType === "string" ? parsed.metadata.contentType : parsed.mediaContentType,
        );
        return "status" in stored ? fromError(stored) : { status: 200, body: objectResource(stored) };
      }
      case "resumable.initiate": {
        let metadata: Record<string, unknown> = {};
        if (body.length > 0) {
          try {
            metadata = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
          } catch {
            return fromError(invalid("Invalid JSON payload received."));
          }
        }
        const name = op.object ?? (typeof metadata.name === "string" ? metadata.name : undefined);
        const problem = nameProblem(name);
        if (problem) return fromError(problem);
        if (preconditionFails(query, objects.get(name!))) return fromError(conditionNotMet());
        const kms = kmsOf(query, metadata);
        if ("status" in kms) return fromError(kms);
        const lengthHeader = headers["x-upload-content-length"];
        const expectedSize = typeof lengthHeader === "string" && lengthHeader !== "" ? Number(lengthHeader) : undefined;
        const id = `ADPycdt-${randomBytes(18).toString("base64url")}`;
        if (typeof metadata.contentType !== "string" && typeof headers["x-upload-content-type"] === "string")
          metadata.contentType = headers["x-upload-content-type"];
        sessions.set(id, {
          id,
          name: name!,
          metadata,
          kmsKeyName: kms.kms,
          expectedSize,
          ifGenerationMatch: query.get("ifGenerationMatch"),
          chunks: [],
          received: 0,
          state: "active",
          object: undefined,
        });
        // the session URI comes back in Location (GCS docs, "Perform resumable uploads": initiate a resumable upload session)
        const location = `${listener!.url}/upload/storage/v1/b/${bucketName}/o?uploadType=resumable&name=${encodeURIComponent(name!)}&upload_id=${id}`;
        return { status: 200, headers: { location, "x-guploader-uploadid": id }, body: "" };
      }
      case "resumable.chunk": {
        const session = sessions.get(query.get("upload_id") ?? "");
        if (session === undefined) return fromError(gcsError(404, "notFound", "No such upload session."));
        return resumableChunk(session, body, headers);
      }
      case "resumable.cancel": {
        // DELETE on the session URI cancels it and answers 499 (GCS docs, "Perform resumable uploads": cancel an upload)
        const session = sessions.get(query.get("upload_id") ?? "");
        if (session === undefined) return fromError(gcsError(404, "notFound", "No such upload session."));
        if (session.state === "finalized") return fromError(gcsError(410, "gone", "The upload session is already complete."));
        session.state = "cancelled";
        session.chunks = [];
        return { status: 499, body: "" };
      }
      case "objects.list": {
        const prefix = query.get("prefix") ?? "";
        const max = Math.min(Number(query.get("maxResults") ?? LIST_PAGE) || LIST_PAGE, LIST_PAGE);
        const after = query.get("pageToken") === null ? undefined : Buffer.from(query.get("pageToken")!, "base64url").toString("utf8");
        // names in lexicographic order (JSON API, objects.list)
        const names = [...objects.keys()].filter((n) => n.startsWith(prefix) && (after === undefined || n > after)).sort();
        const page = names.slice(0, max);
        const more = names.length > max;
        return {
          status: 200,
          body: {
            kind: "storage#objects",
            items: page.map((n) => objectResource(objects.get(n)!)),
            ...(more ? { nextPageToken: Buffer.from(page[page.length - 1]!).toString("base64url") } : {}),
          },
        };
      }
      case "objects.get":
      case "objects.media": {
        const object = objects.get(op.object!);
        if (object === undefined) return fromError(noSuchObject(bucketName, op.object!));
        if (preconditionFails(query, object)) return fromError(conditionNotMet());
        if (op.operation === "objects.get") return { status: 200, body: objectResource(object) };
        // media: the bytes, with their hashes in x-goog-hash (GCS docs, "Data validation and change detection")
        return {
          status: 200,
          raw: object.bytes,
          headers: {
            "content-type": object.contentType,
            "x-goog-hash": `crc32c=${object.crc32c},md5=${object.md5Hash}`,
            "x-goog-generation": String(object.generation),
            "x-goog-stored-content-length": String(object.bytes.length),
          },
        };
      }
      case "objects.delete": {
        const object = objects.get(op.object!);
        if (object === undefined) return fromError(noSuchObject(bucketName, op.object!));
        if (preconditionFails(query, object)) return fromError(conditionNotMet());
        objects.delete(op.object!);
        return { status: 204 };
      }
      default:
        return fromError(gcsError(404, "notFound", "Not Found"));
    }
  };

  const server = createServer(async (req, res) => {
    const index = counter++;
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const op = classify(method, url.pathname, url.searchParams, tokenPath);
    const contentRange = req.headers["content-range"];
    const entry: GcsRequestLogEntry = {
      index,
      method,
      operation: op.operation,
      object: op.object,
      bytes: 0,
      contentRange,
      fault: undefined,
      status: undefined,
    };
    requests.push(entry);
    try {
      const body = await readBody(req);
      (entry as { bytes: number }).bytes = body.length;
      const info: GcsRequestInfo = {
        method,
        path: url.pathname,
        operation: op.operation,
        ...(op.object !== undefined ? { object: op.object } : {}),
        ...(contentRange !== undefined ? { contentRange } : {}),
      };
      const scheduled: Fault | undefined = faults(index, info);
      // no token is checked on a session URI, so none can be refused as expired there
      const fault = scheduled?.kind === "expiredToken" && usesSessionUri(op.operation) ? undefined : scheduled;
      (entry as { fault: string | undefined }).fault = fault === undefined ? undefined : describeFault(fault);
      if (fault?.kind === "rateLimit") return send(res, entry, { ...fromError(rateLimited()), headers: { "retry-after": String(fault.retryAfterSeconds) } });
      if (fault?.kind === "expiredToken") return send(res, entry, fromError(invalidCredentials()));
      const applies = fault === undefined || fault.apply;
      const answer = applies ? await handle(op, method, url, req.headers, body) : undefined;
      if (fault === undefined) return send(res, entry, answer!);
      switch (fault.kind) {
        case "serverError":
          return send(res, entry, fromError(backendError(fault.status)));
        case "timeout":
          listener!.hang(res);
          return;
        case "reset":
          req.socket.destroy();
          return;
        case "malformed":
          entry.status = 200;
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"kind": "storage#object", "name": ');
          return;
      }
    } catch (error) {
      send(res, entry, fromError(backendError(500)));
      void error;
    }
  });
  listener = await listenOnLoopback(server);
  account = createTestServiceAccount(`${listener.url}${tokenPath}`);
  const url = listener.url;

  return {
    url,
    bucket: bucketName,
    serviceAccountKey: account.key,
    settings: () => ({ bucket: bucketName, apiEndpoint: url, serviceAccountKey: account!.key }),
    requests,
    objects: (prefix = "") => [...objects.values()].filter((o) => o.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    read(name) {
      const object = objects.get(name);
      if (object === undefined) throw new Error(`no object ${name}`);
      return object.bytes;
    },
    sessions: () => [...sessions.values()].map((s) => ({ id: s.id, name: s.name, received: s.received, expectedSize: s.expectedSize, state: s.state })),
    secrets: () => [...tokens.keys(), account!.key.private_key, account!.key.private_key_id ?? ""].filter((s) => s !== ""),
    expireTokens() {
      for (const t of tokens.keys()) tokens.set(t, clock() - 1);
    },
    setFaults(schedule) {
      faults = schedule;
    },
    close: () => listener!.close(),
  };
}

function send(res: ServerResponse, entry: { status: number | undefined }, answer: Answer): void {
  entry.status = answer.status;
  if (answer.raw !== undefined) {
    res.writeHead(answer.status, { "content-length": String(answer.raw.length), ...answer.headers });
    res.end(answer.raw);
    return;
  }
  const text = answer.body === undefined || answer.body === "" ? "" : JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...(text !== "" ? { "content-type": "application/json; charset=UTF-8" } : {}), ...answer.headers });
  res.end(text);
}
