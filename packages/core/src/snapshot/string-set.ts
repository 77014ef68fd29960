/** Entries per `Set` before the next one starts (a `Set` holds at most about 16.7 million). */
const CHUNK = 8_000_000;

/**
 * A set of strings that can outgrow one `Set`'s limit (10M+ event ids): a list
 * of `Set`s, each filled up to a fixed size.
 */
export class LargeStringSet {
  private readonly sets: Set<string>[] = [new Set()];

  /** Adds `value`; false when it was there already. */
  add(value: string): boolean {
    for (const set of this.sets) if (set.has(value)) return false;
    let last = this.sets[this.sets.length - 1]!;
    if (last.size >= CHUNK) {
      last = new Set();
      this.sets.push(last);
    }
    last.add(value);
    return true;
  }
}
