/** How long (UTF-16 code units) the text pieces {@link stateJsonChunks} yields grow before one is handed out. */
export const STATE_JSON_CHUNK_LENGTH = 1 << 20;

/** How deep containers are written piece by piece (state → audiences → audience → members); deeper values are stringified whole. */
const STREAMED_DEPTH = 4;

const skipped = (value: unknown) => value === undefined || typeof value === "function" || typeof value === "symbol";
const hasToJson = (value: object) => typeof (value as { toJSON?: unknown }).toJSON === "function";

/** The JSON text of `value` in pieces, as `JSON.stringify(value)` writes it (same keys, order and escapes). */
function* pieces(value: unknown, depth: number): Generator<string> {
  if (depth >= STREAMED_DEPTH || typeof value !== "object" || value === null || hasToJson(value)) {
    yield JSON.stringify(value);
    return;
  }
  if (Array.isArray(value)) {
    yield "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ",";
      if (skipped(value[i])) yield "null";
      else yield* pieces(value[i], depth + 1);
    }
    yield "]";
    return;
  }
  yield "{";
  let first = true;
  for (const key of Object.keys(value)) {
    const entry = (value as Record<string, unknown>)[key];
    if (skipped(entry)) continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    yield* pieces(entry, depth + 1);
  }
  yield "}";
}

/**
 * The JSON text of an activation state (or any JSON value) in chunks of
 * about {@link STATE_JSON_CHUNK_LENGTH} code units, whose concatenation is
 * exactly `JSON.stringify(value)`: a state of a million members is written
 * to its file piece by piece instead of as one string of a hundred megabytes
 * or more. Each member is stringified on its own.
 */
export function* stateJsonChunks(value: unknown, chunkLength = STATE_JSON_CHUNK_LENGTH): Generator<string> {
  let buffered: string[] = [];
  let length = 0;
  for (const piece of pieces(value, 0)) {
    buffered.push(piece);
    length += piece.length;
    if (length >= chunkLength) {
      yield buffered.join("");
      buffered = [];
      length = 0;
    }
  }
  if (length > 0) yield buffered.join("");
}
