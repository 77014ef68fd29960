/** A request body in `aws-chunked` content encoding, decoded. */
export interface DecodedChunkedBody {
  readonly data: Buffer;
  /** Trailing headers (`x-amz-checksum-crc32: …`), names lower-cased. */
  readonly trailers: Readonly<Record<string, string>>;
}

/**
 * Decodes an `aws-chunked` body (the AWS SDK's streaming uploads: `<hex
 * size>[;chunk-signature=…]\r\n<bytes>\r\n … 0\r\n<trailers>\r\n\r\n`), as S3
 * does before storing the object. Returns undefined when the framing is broken.
 */
export function decodeAwsChunked(body: Buffer): DecodedChunkedBody | undefined {
  const chunks: Buffer[] = [];
  const trailers: Record<string, string> = {};
  let pos = 0;
  for (;;) {
    const end = body.indexOf("\r\n", pos);
    if (end < 0) return undefined;
    const size = Number.parseInt(body.subarray(pos, end).toString("latin1").split(";")[0]!, 16);
    if (!Number.isInteger(size) || size < 0) return undefined;
    pos = end + 2;
    if (size === 0) break;
    if (pos + size + 2 > body.length) return undefined;
    chunks.push(body.subarray(pos, pos + size));
    pos += size + 2;
  }
  for (;;) {
    const end = body.indexOf("\r\n", pos);
    if (end < 0 || end === pos) break;
    const line = body.subarray(pos, end).toString("latin1");
    const colon = line.indexOf(":");
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    pos = end + 2;
  }
  return { data: Buffer.concat(chunks), trailers };
}
