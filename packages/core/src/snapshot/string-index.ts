/** Slots are filled to at most this share of the table before it doubles. */
const MAX_LOAD = 0.7;
const MIN_CAPACITY = 16;

/** A 32-bit hash of a string: FNV-1a over its UTF-16 code units, then a murmur3 finalizer to spread the bits. */
export function hashString(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Options of {@link StringIndex.empty} and {@link StringIndex.over}. */
export interface StringIndexOptions {
  /**
   * Keep short keys (up to 20 characters, each below U+0100 — record ids such
   * as `0015g00000AbCdEAAZ`) inside their slots, so that finding one reads
   * one cache line instead of three (the slot, the key list, the string); a
   * slot then takes 32 bytes instead of 8. Worth it for an index that is
   * probed at random and often, such as a table of a million persons.
   */
  readonly inlineKeys?: boolean;
}

/** Per slot without inline keys: hash, entry + 1. */
const PLAIN_STRIDE = 2;
/** Per slot with inline keys: hash, entry + 1, key length (-1: not inline), five words of four 8-bit characters. */
const INLINE_STRIDE = 8;
const INLINE_MAX_LENGTH = 20;

function capacityFor(count: number): number {
  let capacity = MIN_CAPACITY;
  while (capacity * MAX_LOAD < count) capacity *= 2;
  return capacity;
}

/**
 * Strings numbered in the order they were added (entry 0, 1, …), found by an
 * open-addressing hash table held in one typed array: each slot keeps the
 * key's hash next to its entry number, so a probe reads one cache line and
 * compares strings only when the hashes agree. It holds tens of millions of
 * keys (one `Map` or `Set` stops near 16.7 million) in a fraction of a
 * `Map`'s memory, without a per-key object.
 */
export class StringIndex {
  /** Per slot, `stride` numbers: `[hash, entry + 1, …]`; entry 0 marks an empty slot. */
  private slots: Int32Array;
  private mask: number;
  private readonly stride: number;

  private constructor(
    private readonly keys: string[],
    private readonly growable: boolean,
    options: StringIndexOptions | undefined,
  ) {
    const capacity = capacityFor(keys.length);
    this.stride = options?.inlineKeys === true ? INLINE_STRIDE : PLAIN_STRIDE;
    this.slots = new Int32Array(capacity * this.stride);
    this.mask = capacity - 1;
  }

  /** An empty index that grows as keys are added. */
  static empty(options?: StringIndexOptions): StringIndex {
    return new StringIndex([], true, options);
  }

  /** A growing index that starts with `keys` (distinct; taken, not copied: it appends to that list). */
  static growingOver(keys: string[], options?: StringIndexOptions): StringIndex {
    const index = new StringIndex(keys, true, options);
    for (let entry = 0; entry < keys.length; entry++) index.place(keys[entry]!, entry);
    return index;
  }

  /**
   * A fixed index of `keys` (read, not copied): entry `i` is `keys[i]`; a key
   * listed twice is found at its first position. It cannot be added to.
   */
  static over(keys: readonly string[], options?: StringIndexOptions): StringIndex {
    const index = new StringIndex(keys as string[], false, options);
    for (let entry = 0; entry < keys.length; entry++) index.place(keys[entry]!, entry);
    return index;
  }

  /** How many distinct keys the index holds (for {@link over}: how many were listed). */
  get size(): number {
    return this.keys.length;
  }

  /** The key of entry `entry`. */
  key(entry: number): string {
    return this.keys[entry]!;
  }

  /** The entry of `key`, or -1; `hash` is `hashString(key)` when the caller has it already. */
  find(key: string, hash = hashString(key)): number {
    const slot = this.slotOf(key, hash);
    return this.slots[slot + 1]! - 1;
  }

  /** The slot holding `key` (hash `h`), or the empty slot where its probe sequence ends. */
  private slotOf(key: string, h: number): number {
    const slots = this.slots;
    const stride = this.stride;
    const wrap = (this.mask + 1) * stride - 1;
    let slot = (h & this.mask) * stride;
    for (;;) {
      const stored = slots[slot + 1]!;
      if (stored === 0 || (slots[slot] === h && (stride === PLAIN_STRIDE ? this.keys[stored - 1] === key : this.inlineMatches(slot, stored, key)))) return slot;
      slot = (slot + stride) & wrap;
    }
  }

  /** Whether the key in `slot` (entry `stored - 1`) is `key`, read from the slot when it is kept there. */
  private inlineMatches(slot: number, stored: number, key: string): boolean {
    const slots = this.slots;
    const length = slots[slot + 2]!;
    if (length < 0) return this.keys[stored - 1] === key;
    if (length !== key.length) return false;
    for (let i = 0; i < length; i++) {
      // a character at or above U+0100 never matches: every key kept inline is below it
      if (key.charCodeAt(i) !== ((slots[slot + 3 + (i >> 2)]! >>> ((i & 3) * 8)) & 0xff)) return false;
    }
    return true;
  }

  /** Whether `key` is in the index. */
  has(key: string): boolean {
    return this.find(key) >= 0;
  }

  /** Adds `key` unless present; returns its entry and whether it was added. */
  add(key: string): { readonly entry: number; readonly added: boolean } {
    const found = this.find(key);
    if (found >= 0) return { entry: found, added: false };
    return { entry: this.append(key), added: true };
  }

  /** Adds `key` unless present; true when it was added (a cheaper {@link add} for set use). `hash` as in {@link find}. */
  addIfAbsent(key: string, hash = hashString(key)): boolean {
    const size = this.keys.length;
    return this.entryOf(key, hash) === size;
  }

  /** The entry of `key`, added when absent: one hash and one probe (a cheaper {@link add}). `hash` as in {@link find}. */
  entryOf(key: string, hash = hashString(key)): number {
    const slot = this.slotOf(key, hash);
    const stored = this.slots[slot + 1]!;
    if (stored !== 0) return stored - 1;
    if (!this.growable) throw new TypeError("this StringIndex is fixed: it indexes a given list of keys");
    const entry = this.keys.length;
    this.keys.push(key);
    if (this.keys.length > (this.mask + 1) * MAX_LOAD) this.grow();
    else this.fill(slot, key, hash, entry);
    return entry;
  }

  /**
   * Takes back the key added last (the index is as if it had never been
   * added); false when the index is fixed or empty.
   */
  removeLast(): boolean {
    if (!this.growable || this.keys.length === 0) return false;
    const key = this.keys[this.keys.length - 1]!;
    this.emptySlot(this.slotOf(key, hashString(key)));
    this.keys.pop();
    return true;
  }

  /**
   * Empties a slot and closes the gap (backward-shift deletion): each later
   * slot of the same run whose key could sit in the gap moves into it, so
   * that every probe sequence still reaches its key.
   */
  private emptySlot(slot: number): void {
    const slots = this.slots;
    const stride = this.stride;
    const wrap = (this.mask + 1) * stride - 1;
    let gap = slot;
    let next = (gap + stride) & wrap;
    while (slots[next + 1] !== 0) {
      const home = (slots[next]! & this.mask) * stride;
      // the key at `next` may move to the gap unless its home lies cyclically in (gap, next]
      const homeAfterGap = gap <= next ? home > gap && home <= next : home > gap || home <= next;
      if (!homeAfterGap) {
        slots.copyWithin(gap, next, next + stride);
        gap = next;
      }
      next = (next + stride) & wrap;
    }
    slots.fill(0, gap, gap + stride);
  }

  private append(key: string): number {
    if (!this.growable) throw new TypeError("this StringIndex is fixed: it indexes a given list of keys");
    const entry = this.keys.length;
    this.keys.push(key);
    if (this.keys.length > (this.mask + 1) * MAX_LOAD) this.grow();
    else this.place(key, entry);
    return entry;
  }

  /** Puts `entry` in the first free slot of its probe sequence (first occurrence wins when keys repeat in {@link over}). */
  private place(key: string, entry: number): void {
    const h = hashString(key);
    const slot = this.slotOf(key, h);
    if (this.slots[slot + 1] !== 0) return;
    this.fill(slot, key, h, entry);
  }

  /** Writes `entry` (key `key`, hash `h`) into the empty `slot`. */
  private fill(slot: number, key: string, h: number, entry: number): void {
    const slots = this.slots;
    slots[slot] = h;
    slots[slot + 1] = entry + 1;
    if (this.stride === PLAIN_STRIDE) return;
    const length = key.length;
    let inline = length <= INLINE_MAX_LENGTH;
    for (let i = 0; inline && i < length; i++) if (key.charCodeAt(i) > 0xff) inline = false;
    slots[slot + 2] = inline ? length : -1;
    if (!inline) return;
    for (let i = 0; i < length; i++) {
      const word = slot + 3 + (i >> 2);
      slots[word] = slots[word]! | (key.charCodeAt(i) << ((i & 3) * 8));
    }
  }

  /** Doubles the table and re-places every entry by its stored hash (no string is hashed again). */
  private grow(): void {
    const old = this.slots;
    const stride = this.stride;
    const capacity = capacityFor(this.keys.length);
    const slots = new Int32Array(capacity * stride);
    const mask = capacity - 1;
    const wrap = capacity * stride - 1;
    for (let i = 0; i < old.length; i += stride) {
      if (old[i + 1] === 0) continue;
      let slot = (old[i]! & mask) * stride;
      while (slots[slot + 1] !== 0) slot = (slot + stride) & wrap;
      for (let k = 0; k < stride; k++) slots[slot + k] = old[i + k]!;
    }
    this.slots = slots;
    this.mask = mask;
    // the newest entry was not placed yet
    const entry = this.keys.length - 1;
    this.place(this.keys[entry]!, entry);
  }
}
