import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { authorizationMalformed, S3_ERRORS, type S3ErrorAnswer } from "./s3-error-xml.js";

/** Credentials the test server accepts. */
export interface TestCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** What the signature check needs of a request. */
export interface SignedRequest {
  readonly method: string;
  /** The path as sent (URI-encoded), without the query. */
  readonly rawPath: string;
  /** The query string as sent, without `?`. */
  readonly rawQuery: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

const MAX_SKEW_MS = 15 * 60 * 1000;
const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(rawQuery: string): string {
  if (rawQuery === "") return "";
  const pairs = rawQuery
    .split("&")
    .filter((p) => p !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1));
      return [uriEncode(key), uriEncode(value)] as const;
    });
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

function headerValue(headers: SignedRequest["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** The SigV4 signature of a request (AWS General Reference, "Create a signed AWS API request"). */
export function sigV4Signature(request: SignedRequest, signedHeaders: readonly string[], secretAccessKey: string, amzDate: string, scope: string): string {
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${(headerValue(request.headers, name) ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  const payloadHash = headerValue(request.headers, "x-amz-content-sha256") ?? "UNSIGNED-PAYLOAD";
  const canonicalRequest = [request.method, request.rawPath, canonicalQuery(request.rawQuery), canonicalHeaders, signedHeaders.join(";"), payloadHash].join(
    "\n",
  );
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, createHash("sha256").update(canonicalRequest, "utf8").digest("hex")].join("\n");
  const [date, region, service] = scope.split("/") as [string, string, string];
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), "aws4_request");
  return createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
}

/** `YYYYMMDDTHHMMSSZ` → milliseconds, or NaN. */
function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m === null ? Number.NaN : Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

/** How a credential stands with the server. */
export interface CredentialLookup {
  find(accessKeyId: string): TestCredentials | undefined;
  isExpired(accessKeyId: string): boolean;
}

/**
 * Checks a request's SigV4 Authorization header as S3 does: a known access key
 * id, the session token that goes with temporary credentials (and whether it
 * expired), the credential scope (date, region, `s3`), the clock skew
 * (15 minutes) and the signature itself. Returns the S3 error to answer, or
 * undefined when the request is authentic. Presigned URLs are not accepted.
 */
export function checkSignature(request: SignedRequest, credentials: CredentialLookup, region: string, nowMs: number): S3ErrorAnswer | undefined {
  const authorization = headerValue(request.headers, "authorization");
  if (authorization === undefined) return S3_ERRORS.accessDenied;
  const m = AUTH.exec(authorization);
  if (m === null) return authorizationMalformed("it is not an AWS4-HMAC-SHA256 Credential/SignedHeaders/Signature header");
  const [, accessKeyId, date, scopeRegion, service, signedList, signature] = m as unknown as [string, string, string, string, string, string, string];
  const known = credentials.find(accessKeyId);
  if (known === undefined) return S3_ERRORS.invalidAccessKeyId;
  const token = headerValue(request.headers, "x-amz-security-token");
  if (known.sessionToken !== undefined && token === undefined) return S3_ERRORS.invalidAccessKeyId;
  if (known.sessionToken !== undefined && token !== known.sessionToken) return S3_ERRORS.invalidToken;
  if (known.sessionToken === undefined && token !== undefined) return S3_ERRORS.invalidToken;
  if (credentials.isExpired(accessKeyId)) return S3_ERRORS.expiredToken;
  if (scopeRegion !== region) return authorizationMalformed(`the region '${scopeRegion}' is wrong; expecting '${region}'`);
  if (service !== "s3") return authorizationMalformed(`the service '${service}' is wrong; expecting 's3'`);
  const amzDate = headerValue(request.headers, "x-amz-date") ?? "";
  const at = parseAmzDate(amzDate);
  if (Number.isNaN(at) || amzDate.slice(0, 8) !== date) return authorizationMalformed("the credential date does not match x-amz-date");
  if (Math.abs(nowMs - at) > MAX_SKEW_MS) return S3_ERRORS.requestTimeTooSkewed;
  const signedHeaders = signedList.split(";");
  if (!signedHeaders.includes("host")) return authorizationMalformed("host must be a signed header");
  const expected = sigV4Signature(request, signedHeaders, known.secretAccessKey, amzDate, `${date}/${scopeRegion}/${service}/aws4_request`);
  const ok = timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(signature, "hex"));
  return ok ? undefined : S3_ERRORS.signatureDoesNotMatch;
}
