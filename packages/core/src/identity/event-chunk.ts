import type { SourceKey } from "../source-key.js";
import type { RecordOrigin } from "./identity-records.js";

/** Strings packed into one text with the end offset of each: one string to copy between threads instead of many. */
export interface PackedStrings {
  readonly text: string;
  readonly ends: Int32Array;
}

/** A source key without its id. */
export type KeyShape = Omit<SourceKey, "id">;

/**
 * A run of event source records as columns, for `IdentityGraph.addEventChunk`:
 * what a worker thread that maps an export file sends to the thread that holds
 * the graph, so no record object crosses between threads. Types, owners,
 * property sets, source-key shapes and files are codes into dictionaries local
 * to the chunk. Records that do not fit the columns (not certainly valid, more
 * than one source key, …) travel whole in `records`, each with its place.
 */
export interface EventChunk {
  /** The number of rows held as columns. */
  readonly rows: number;
  readonly ids: PackedStrings;
  /** Epoch ms when the time's text is canonical (`toISOString`), else NaN and the text is in `timeTexts` (by row in `timeTextRows`). */
  readonly times: Float64Array;
  readonly timeTextRows: Int32Array;
  readonly timeTexts: readonly string[];
  readonly types: readonly string[];
  readonly typeCodes: Int32Array;
  /** Owner identity keys (`namespace␟value`), and the length of each one's namespace. */
  readonly ownerKeys: PackedStrings;
  readonly ownerNamespaceLengths: Int32Array;
  readonly ownerCodes: Int32Array;
  /** 1 when the row's owner is an account. */
  readonly ownerIsAccount: Uint8Array;
  /** Property sets as `JSON.stringify` gives them (each gives its set back: a set with a -0 is never packed); -1 in `propertyCodes`: no properties. */
  readonly propertySets: PackedStrings;
  readonly propertyCodes: Int32Array;
  /** Source-key shapes; -1 in `keyShapeCodes`: no source keys. */
  readonly keyShapes: readonly KeyShape[];
  readonly keyShapeCodes: Int32Array;
  /** The key id's length when the event id ends with it, else -1 and the key id is in `keyIdTexts` (by row in `keyIdTextRows`). */
  readonly keyIdLengths: Int32Array;
  readonly keyIdTextRows: Int32Array;
  readonly keyIdTexts: readonly string[];
  readonly files: readonly string[];
  /** File code + 1 (0: an origin without a file), -1: no origin. */
  readonly fileCodes: Int32Array;
  /** The origin's line, or {@link NO_LINE}. */
  readonly lines: Int32Array;
  /** Records added one by one: each goes before columnar row `before`; `index` is its place among the batch's events. */
  readonly records: readonly { readonly before: number; readonly index: number; readonly record: unknown }[];
}

/** `lines` value of a row whose origin has no line. */
export const NO_LINE = -2147483648;

/** The ArrayBuffers of a chunk, to transfer when posting it to another thread. */
export function eventChunkBuffers(chunk: EventChunk): ArrayBuffer[] {
  return [
    chunk.ids.ends,
    chunk.times,
    chunk.timeTextRows,
    chunk.typeCodes,
    chunk.ownerKeys.ends,
    chunk.ownerNamespaceLengths,
    chunk.ownerCodes,
    chunk.ownerIsAccount,
    chunk.propertySets.ends,
    chunk.propertyCodes,
    chunk.keyShapeCodes,
    chunk.keyIdLengths,
    chunk.keyIdTextRows,
    chunk.fileCodes,
    chunk.lines,
  ].map((array) => array.buffer as ArrayBuffer);
}

/** The `i`th string of packed strings. */
export function packedString(packed: PackedStrings, i: number): string {
  return packed.text.slice(i === 0 ? 0 : packed.ends[i - 1]!, packed.ends[i]!);
}

/** A key shape's dictionary text (system, instance, object, and which are present). */
export function keyShapeText(shape: KeyShape): string {
  return `${shape.system}\u001f${shape.instance ?? ""}\u001f${shape.instance === undefined ? 0 : 1}\u001f${shape.object ?? ""}\u001f${shape.object === undefined ? 0 : 1}`;
}

/** A plain source key: system, instance, object and id only, none of them undefined. */
export function isPlainKey(k: SourceKey): boolean {
  for (const name in k) {
    if (name !== "system" && name !== "instance" && name !== "object" && name !== "id") return false;
    if ((k as Record<string, unknown>)[name] === undefined) return false;
  }
  return true;
}

/** A plain origin: file and line only, none of them undefined, and a line that is not {@link NO_LINE}. */
export function isPlainOrigin(o: RecordOrigin): boolean {
  for (const name in o) {
    if (name !== "file" && name !== "line") return false;
    if ((o as Record<string, unknown>)[name] === undefined) return false;
  }
  return o.line !== NO_LINE;
}

/** Makes `{ ...shape, id }`, with an object literal for the usual shapes (same keys in the same order). */
export function keyMaker(shape: KeyShape): (id: string) => SourceKey {
  const { system, instance, object } = shape;
  switch (Object.keys(shape).join(",")) {
    case "system":
      return (id) => ({ system, id });
    case "system,object":
      return (id) => ({ system, object: object!, id });
    case "system,instance":
      return (id) => ({ system, instance: instance!, id });
    case "system,instance,object":
      return (id) => ({ system, instance: instance!, object: object!, id });
    default:
      return (id) => ({ ...shape, id });
  }
}
