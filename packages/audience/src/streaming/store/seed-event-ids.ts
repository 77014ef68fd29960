import { hashString } from "@abm-kit/core/internal";

/** A table of events with ids: the Snapshot's person or account events. */
export interface IdentifiedRows {
  readonly size: number;
  id(row: number): string;
  indexOf(id: string): number;
}

/** Filter bits per id, before rounding the block count up to a power of two. */
const BITS_PER_ID = 10;
/** 16 words of 32 bits: 512 bits, one cache line. */
const BLOCK_WORDS = 16;
/** Bits set per id within its block. */
const PROBES = 6;

/**
 * Whether an event id is one of a Snapshot's event ids (of any of its event
 * tables). A new id, the usual case, is answered by one read: a blocked Bloom
 * filter gives each id one 64-byte block and sets six bits in it, so an id
 * whose bits are not all set was certainly never seen; only when they are
 * (every Snapshot id, and about one new id in a hundred) are the tables'
 * own indexes asked. Without it a new id costs a probe of each table's index,
 * each a random read into tens of megabytes.
 */
export class SeedEventIds {
  private readonly words: Int32Array;
  /** How far a mixed 32-bit hash is shifted to give a block number. */
  private readonly blockShift: number;

  constructor(private readonly tables: readonly IdentifiedRows[]) {
    const ids = tables.reduce((n, t) => n + t.size, 0);
    let blockBits = 0;
    while (blockBits < 24 && 2 ** blockBits * BLOCK_WORDS * 32 < ids * BITS_PER_ID) blockBits++;
    this.blockShift = 32 - blockBits;
    this.words = new Int32Array(2 ** blockBits * BLOCK_WORDS);
    for (const table of tables) for (let row = 0; row < table.size; row++) this.set(hashString(table.id(row)));
  }

  /** Whether `id` is an id of one of the tables; `hash` is `hashString(id)` when the caller has it already. */
  has(id: string, hash = hashString(id)): boolean {
    if (!this.mayHave(hash)) return false;
    for (let t = 0; t < this.tables.length; t++) if (this.tables[t]!.indexOf(id) >= 0) return true;
    return false;
  }

  private set(h: number): void {
    this.visitBits(h, true);
  }

  private mayHave(h: number): boolean {
    return this.visitBits(h, false);
  }

  /** Tests `h`'s bits in its block, setting the missing ones when `set`; true when all were set already. */
  private visitBits(h: number, set: boolean): boolean {
    const words = this.words;
    const base = this.blockOf(h);
    let all = true;
    let g = mix(h);
    for (let p = 0; p < PROBES; p++) {
      if (p === 3) g = mix(g);
      const bit = (g >>> (9 * (p % 3))) & 511;
      const word = base + (bit >>> 5);
      const mask = 1 << (bit & 31);
      if ((words[word]! & mask) !== 0) continue;
      if (!set) return false;
      all = false;
      words[word]! |= mask;
    }
    return all;
  }

  /** The first word of `h`'s block (Fibonacci hashing: the top bits of a multiple). */
  private blockOf(h: number): number {
    return this.blockShift === 32 ? 0 : (Math.imul(h, 0x9e3779b1) >>> this.blockShift) * BLOCK_WORDS;
  }
}

/** Remixes 32 bits (a murmur3-style finalizer round with other constants), so bit positions do not follow the block number. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return h ^ (h >>> 15);
}
