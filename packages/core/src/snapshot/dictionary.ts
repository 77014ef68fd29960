import { StringIndex } from "./string-index.js";

/** Up to this many distinct strings a dictionary finds codes with a `Map` (fast for a few strings repeated often). */
const MAP_LIMIT = 1 << 16;

/**
 * Assigns each distinct string a dense code, in order of first appearance.
 * Past {@link MAP_LIMIT} distinct strings the codes are found by a
 * {@link StringIndex} (a hash table in one typed array) instead of a `Map`: a
 * column of millions of distinct strings (event source keys, emails) so costs
 * no per-entry heap object for the collector to trace.
 */
export class DictionaryBuilder {
  private map: Map<string, number> | undefined = new Map();
  private index: StringIndex | undefined;
  private readonly list: string[] = [];

  code(value: string): number {
    const map = this.map;
    if (map === undefined) return this.index!.entryOf(value);
    let code = map.get(value);
    if (code === undefined) {
      code = this.list.length;
      map.set(value, code);
      this.list.push(value);
      if (code + 1 === MAP_LIMIT) {
        this.index = StringIndex.growingOver(this.list);
        this.map = undefined;
      }
    }
    return code;
  }

  /** The strings by code (live: do not change it). */
  get values(): readonly string[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }
}

/** A frozen dictionary: code → string, and string → code on demand. */
export class Dictionary {
  private index: Map<string, number> | undefined;

  constructor(readonly values: readonly string[]) {}

  /** The code of `value`, or -1 when the dictionary does not hold it. */
  codeOf(value: string): number {
    if (this.index === undefined) {
      this.index = new Map();
      this.values.forEach((v, i) => this.index!.set(v, i));
    }
    return this.index.get(value) ?? -1;
  }

  get size(): number {
    return this.values.length;
  }
}
