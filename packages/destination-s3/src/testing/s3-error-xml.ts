/** An S3 error as the service answers it: status, code and message (S3 API reference, "Error responses"). */
export interface S3ErrorAnswer {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** Escapes text for an XML element. */
export function xmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The XML body of an S3 error (`<Error><Code>…</Code><Message>…</Message>…</Error>`). */
export function errorXml(error: S3ErrorAnswer, resource: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlText(error.code)}</Code><Message>${xmlText(error.message)}</Message>` +
    `<Resource>${xmlText(resource)}</Resource><RequestId>${requestId}</RequestId></Error>`
  );
}

/** The errors the test server answers, with S3's status codes and messages. */
export const S3_ERRORS = {
  slowDown: { status: 503, code: "SlowDown", message: "Please reduce your request rate." },
  internalError: { status: 500, code: "InternalError", message: "We encountered an internal error. Please try again." },
  serviceUnavailable: { status: 503, code: "ServiceUnavailable", message: "Service is unable to handle request." },
  expiredToken: { status: 400, code: "ExpiredToken", message: "The provided token has expired." },
  invalidToken: { status: 400, code: "InvalidToken", message: "The provided token is malformed or otherwise invalid." },
  accessDenied: { status: 403, code: "AccessDenied", message: "Access Denied" },
  invalidAccessKeyId: { status: 403, code: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist in our records." },
  signatureDoesNotMatch: {
    status: 403,
    code: "SignatureDoesNotMatch",
    message: "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  },
  requestTimeTooSkewed: { status: 403, code: "RequestTimeTooSkewed", message: "The difference between the request time and the current time is too large." },
  contentSha256Mismatch: {
    status: 400,
    code: "XAmzContentSHA256Mismatch",
    message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
  },
  entityTooSmall: { status: 400, code: "EntityTooSmall", message: "Your proposed upload is smaller than the minimum allowed object size." },
  noSuchUpload: {
    status: 404,
    code: "NoSuchUpload",
    message: "The specified multipart upload does not exist. The upload ID might not be valid, or the multipart upload might have been aborted or completed.",
  },
  invalidStorageClass: { status: 400, code: "InvalidStorageClass", message: "The storage class you specified is not valid." },
  invalidEncryption: { status: 400, code: "InvalidArgument", message: "The encryption method specified is not supported" },
} as const satisfies Record<string, S3ErrorAnswer>;

/** `BadDigest` for a checksum header that does not match the body (S3 names the algorithm in lower case). */
export function badDigest(algorithm: string): S3ErrorAnswer {
  return { status: 400, code: "BadDigest", message: `The ${algorithm.toLowerCase()} you specified did not match the calculated checksum.` };
}

/** `AuthorizationHeaderMalformed` (a wrong region or service in the credential scope, a missing part). */
export function authorizationMalformed(message: string): S3ErrorAnswer {
  return { status: 400, code: "AuthorizationHeaderMalformed", message: `The authorization header is malformed; ${message}` };
}
