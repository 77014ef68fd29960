import { StringIndex } from "./string-index.js";

/**
 * Assigns each distinct string a dense code, in order of first appearance.
 * The codes are found by a {@link StringIndex} (a hash table in one typed
 * array), not a `Map`: a column of millions of distinct strings (event source
 * keys, emails) so costs no per-entry heap object for the collector to trace.
 */
export class DictionaryBuilder {
  private readonly codes = StringIndex.empty();

  code(value: string): number {
    return this.codes.entryOf(value);
  }

  /** The strings by code (live: do not change it). */
  get values(): readonly string[] {
    return this.codes.keyList;
  }

  get size(): number {
    return this.codes.size;
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
