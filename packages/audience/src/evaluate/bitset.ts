/**
 * A fixed-size set of row numbers as packed 32-bit words. Operations are word
 * by word; nothing is allocated per row.
 */
export class Bitset {
  readonly words: Uint32Array;

  constructor(
    readonly size: number,
    words?: Uint32Array,
  ) {
    this.words = words ?? new Uint32Array((size + 31) >>> 5);
  }

  /** A set holding every row `0 … size-1`. */
  static full(size: number): Bitset {
    const set = new Bitset(size);
    set.words.fill(0xffffffff);
    set.clearTail();
    return set;
  }

  /** The rows where `test(row)` is true. */
  static fromTest(size: number, test: (row: number) => boolean): Bitset {
    const set = new Bitset(size);
    const words = set.words;
    for (let row = 0; row < size; row++) if (test(row)) words[row >>> 5]! |= 1 << (row & 31);
    return set;
  }

  /*
   * The column scans below are branch-free (a row's bit is computed, not
   * tested for) and fill 32 rows per word with a constant inner loop: on
   * mixed data a branch per row mispredicts half the time and costs more
   * than the rest of the scan. Rows at or past a column's end read as missing.
   */

  /** The rows `0 … size-1` whose dictionary code is marked (1) in `match`; a missing value (code -1) never is. */
  static fromCodes(codes: Int32Array, match: Uint8Array, size = codes.length): Bitset {
    const set = new Bitset(size);
    if (match.length === 0) return set;
    const words = set.words;
    const rows = Math.min(size, codes.length);
    const full = rows >>> 5;
    for (let w = 0; w < full; w++) {
      const base = w << 5;
      let word = 0;
      for (let b = 0; b < 32; b++) {
        const code = codes[base + b]!;
        const present = ~(code >> 31); // all ones for a code, zero for -1
        word |= (match[code & present]! & present) << b;
      }
      words[w] = word;
    }
    for (let row = full << 5; row < rows; row++) {
      const code = codes[row]!;
      if (code >= 0 && match[code] === 1) words[row >>> 5]! |= 1 << (row & 31);
    }
    return set;
  }

  /** The rows `0 … size-1` whose byte in `values` is marked (1) in `allowed` (a boolean column: 0 false, 1 true, 2 missing). */
  static fromBytes(values: Uint8Array, allowed: Uint8Array, size = values.length): Bitset {
    const set = new Bitset(size);
    const words = set.words;
    const rows = Math.min(size, values.length);
    const full = rows >>> 5;
    for (let w = 0; w < full; w++) {
      const base = w << 5;
      let word = 0;
      for (let b = 0; b < 32; b++) word |= allowed[values[base + b]!]! << b;
      words[w] = word;
    }
    for (let row = full << 5; row < rows; row++) if (allowed[values[row]!] === 1) words[row >>> 5]! |= 1 << (row & 31);
    return set;
  }

  /** The rows `0 … size-1` whose number lies in `[low, high]` (inclusive; NaN never does). */
  static fromRange(values: Float64Array, low: number, high: number, size = values.length): Bitset {
    const set = new Bitset(size);
    const words = set.words;
    const rows = Math.min(size, values.length);
    const full = rows >>> 5;
    for (let w = 0; w < full; w++) {
      const base = w << 5;
      let word = 0;
      for (let b = 0; b < 32; b++) {
        const x = values[base + b]!;
        word |= (+(x >= low) & +(x <= high)) << b;
      }
      words[w] = word;
    }
    for (let row = full << 5; row < rows; row++) {
      const x = values[row]!;
      if (x >= low && x <= high) words[row >>> 5]! |= 1 << (row & 31);
    }
    return set;
  }

  /** The set holding exactly `rows`. */
  static fromRows(size: number, rows: Iterable<number>): Bitset {
    const set = new Bitset(size);
    for (const row of rows) if (row >= 0 && row < size) set.add(row);
    return set;
  }

  has(row: number): boolean {
    return (this.words[row >>> 5]! & (1 << (row & 31))) !== 0;
  }

  add(row: number): void {
    this.words[row >>> 5]! |= 1 << (row & 31);
  }

  /** A new set: this ∩ other. */
  and(other: Bitset): Bitset {
    const out = new Bitset(this.size);
    for (let i = 0; i < out.words.length; i++) out.words[i] = this.words[i]! & other.words[i]!;
    return out;
  }

  /** A new set: this ∪ other. */
  or(other: Bitset): Bitset {
    const out = new Bitset(this.size);
    for (let i = 0; i < out.words.length; i++) out.words[i] = this.words[i]! | other.words[i]!;
    return out;
  }

  /** A new set: every row not in this one. */
  not(): Bitset {
    const out = new Bitset(this.size);
    for (let i = 0; i < out.words.length; i++) out.words[i] = ~this.words[i]! >>> 0;
    out.clearTail();
    return out;
  }

  /** In place: this ∩= other. */
  andInPlace(other: Bitset): void {
    for (let i = 0; i < this.words.length; i++) this.words[i]! &= other.words[i]!;
  }

  /** In place: this ∪= other. */
  orInPlace(other: Bitset): void {
    for (let i = 0; i < this.words.length; i++) this.words[i]! |= other.words[i]!;
  }

  /** How many rows the set holds (population count); with `limit`, counting stops once past it. */
  count(limit = Number.POSITIVE_INFINITY): number {
    let total = 0;
    for (let i = 0; i < this.words.length && total <= limit; i++) {
      let v = this.words[i]!;
      v = v - ((v >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      total += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return total;
  }

  /** The rows held, ascending. */
  rows(): Int32Array {
    const out = new Int32Array(this.count());
    let k = 0;
    for (let i = 0; i < this.words.length; i++) {
      let v = this.words[i]!;
      while (v !== 0) {
        const low = v & -v;
        out[k++] = (i << 5) + (31 - Math.clz32(low));
        v ^= low;
      }
    }
    return out;
  }

  private clearTail(): void {
    const extra = this.size & 31;
    const last = this.words.length - 1;
    if (extra !== 0 && last >= 0) this.words[last] = this.words[last]! & ((1 << extra) - 1);
  }
}
