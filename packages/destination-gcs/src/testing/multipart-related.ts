/** The two parts of a multipart upload: the object's JSON metadata and its bytes. */
export interface MultipartUpload {
  readonly metadata: Record<string, unknown>;
  readonly media: Buffer;
  readonly mediaContentType: string | undefined;
}

/**
 * Parses a `multipart/related` body of a multipart upload (JSON API,
 * "Perform a multipart upload": a metadata part, then the media part).
 * Undefined when the body is not two parts separated by the boundary.
 */
export function parseMultipartRelated(body: Buffer, contentType: string | undefined): MultipartUpload | undefined {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? "")?.[1];
  if (boundary === undefined || !/^multipart\/related/i.test(contentType ?? "")) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) return undefined;
    parts.push(body.subarray(start, next));
    at = next;
  }
  if (parts.length !== 2) return undefined;
  const split = (part: Buffer) => {
    const end = part.indexOf("\r\n\r\n");
    if (end === -1) return undefined;
    const headers = part.subarray(0, end).toString("utf8");
    let content = part.subarray(end + 4);
    if (content.subarray(content.length - 2).toString() === "\r\n") content = content.subarray(0, content.length - 2);
    return { headers, content };
  };
  const first = split(parts[0]!);
  const second = split(parts[1]!);
  if (first === undefined || second === undefined) return undefined;
  let metadata: unknown;
  try {
    metadata = JSON.parse(first.content.toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof metadata !== "object" || metadata === null) return undefined;
  const mediaContentType = /content-type:\s*([^\r\n]+)/i.exec(second.headers)?.[1]?.trim();
  return { metadata: metadata as Record<string, unknown>, media: second.content, mediaContentType };
}
