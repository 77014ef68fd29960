/** The longest request URI Marketo takes: 8 KB, else 414 (error-codes.md); kept a little under. */
export const MAX_URL_BYTES = 8000;
/** The largest request body Marketo takes: 1 MB, else 413 (error-codes.md); kept a little under. */
export const MAX_BODY_BYTES = 1_000_000;

/**
 * Splits `items` into runs of at most `maxCount` whose size stays within
 * `maxBytes`: a run costs `baseBytes` plus each item's `itemBytes` plus
 * `separatorBytes` between items (an upper bound of the request's size). An
 * item too large on its own is returned in `oversized` instead (it could never be sent).
 */
export function chunkBySize<T>(
  items: readonly T[],
  limits: { readonly maxCount: number; readonly maxBytes: number; readonly baseBytes: number; readonly separatorBytes: number },
  itemBytes: (item: T) => number,
): { chunks: T[][]; oversized: T[] } {
  const chunks: T[][] = [];
  const oversized: T[] = [];
  let current: T[] = [];
  let size = limits.baseBytes;
  for (const item of items) {
    const bytes = itemBytes(item);
    if (limits.baseBytes + bytes > limits.maxBytes) {
      oversized.push(item);
      continue;
    }
    const added = bytes + (current.length > 0 ? limits.separatorBytes : 0);
    if (current.length + 1 > limits.maxCount || size + added > limits.maxBytes) {
      chunks.push(current);
      current = [item];
      size = limits.baseBytes + bytes;
    } else {
      current.push(item);
      size += added;
    }
  }
  if (current.length > 0) chunks.push(current);
  return { chunks, oversized };
}

/** Bytes a value takes in a query string (percent-encoded, as URLSearchParams writes it). */
export function queryBytes(value: string): number {
  return Buffer.byteLength(new URLSearchParams({ v: value }).toString()) - 2;
}

/** Bytes a value takes in a JSON body. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
