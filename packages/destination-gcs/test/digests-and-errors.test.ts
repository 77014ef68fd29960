import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AuthExpiredError, RetryableError, TerminalError } from "@abm-kit/destinations";
import { checkObject, digestBuffer, toDeliveryError } from "@abm-kit/destination-gcs";
import { crc32cBase64 } from "@abm-kit/destination-gcs/testing";

describe("digests", () => {
  it("the client's CRC32C (the library's) and the test server's (its own table) agree on any bytes, and the known check value holds", () => {
    // CRC-32C of "123456789" is 0xE3069283 (RFC 3720, B.4)
    expect(Buffer.from(crc32cBase64(Buffer.from("123456789")), "base64").toString("hex")).toBe("e3069283");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expect(digestBuffer(Buffer.from(bytes)).crc32c).toBe(crc32cBase64(bytes));
      }),
    );
  });

  it("an object checks out only with the same size, recorded SHA-256, CRC32C and MD5", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.integer({ min: 0, max: 511 }), (bytes, flip) => {
        const buffer = Buffer.from(bytes);
        const digests = digestBuffer(buffer);
        const file = { bytes: buffer.length, sha256: "a".repeat(64) };
        const object = { size: String(buffer.length), crc32c: digests.crc32c, md5Hash: digests.md5, metadata: { sha256: file.sha256 } };
        expect(checkObject(object, file, digests)).toEqual({ ok: true, by: "crc32c+md5" });
        const other = Buffer.from(buffer);
        other[flip % other.length] = other[flip % other.length]! ^ 0xff;
        expect(checkObject(object, file, digestBuffer(other)).ok).toBe(false);
        expect(checkObject({ ...object, metadata: { sha256: "b".repeat(64) } }, file, digests).ok).toBe(false);
        expect(checkObject({ ...object, size: String(buffer.length + 1) }, file, digests).ok).toBe(false);
      }),
    );
  });
});

describe("what a failure means to the runtime", () => {
  const apiError = (code: number, reason: string, message: string) => Object.assign(new Error(message), { code, errors: [{ reason, message }] });

  it("401 refreshes, 408/429/5xx and network failures retry, other 4xx stop; messages carry neither a session id nor a token", () => {
    expect(toDeliveryError(apiError(401, "authError", "Invalid Credentials"), "get x")).toBeInstanceOf(AuthExpiredError);
    for (const status of [408, 429, 500, 502, 503, 504])
      expect(toDeliveryError(apiError(status, "backendError", "try again"), "get x")).toBeInstanceOf(RetryableError);
    for (const status of [400, 403, 404, 412]) expect(toDeliveryError(apiError(status, "forbidden", "no"), "get x")).toBeInstanceOf(TerminalError);
    expect(toDeliveryError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), "upload x")).toBeInstanceOf(RetryableError);
    expect(toDeliveryError(new Error("something odd"), "upload x")).toBeInstanceOf(RetryableError);
    const leaky = toDeliveryError(
      Object.assign(
        new Error(
          "request to http://127.0.0.1:1/upload/storage/v1/b/b/o?uploadType=resumable&upload_id=ADPycdt-secret123 failed, Authorization: Bearer ya29.abcdef",
        ),
        { code: 503 },
      ),
      "upload x",
    );
    expect(leaky.message).not.toContain("ADPycdt-secret123");
    expect(leaky.message).not.toContain("ya29.abcdef");
    expect(leaky.message).toContain("GCS answered 503");
  });
});
