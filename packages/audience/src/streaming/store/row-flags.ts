/** A set of rows (0, 1, 2, …) as one byte per row, growing on write: membership tests without hashing. */
export class RowFlags {
  private flags = new Uint8Array(64);
  private count = 0;

  /** How many rows are in the set. */
  get size(): number {
    return this.count;
  }

  has(row: number): boolean {
    return row < this.flags.length && this.flags[row] === 1;
  }

  add(row: number): void {
    if (row >= this.flags.length) this.grow(row + 1);
    if (this.flags[row] === 1) return;
    this.flags[row] = 1;
    this.count++;
  }

  delete(row: number): void {
    if (row >= this.flags.length || this.flags[row] === 0) return;
    this.flags[row] = 0;
    this.count--;
  }

  /** The rows in the set, ascending. */
  rows(): number[] {
    const out: number[] = [];
    const flags = this.flags;
    for (let row = 0; row < flags.length; row++) if (flags[row] === 1) out.push(row);
    return out;
  }

  private grow(size: number): void {
    let n = this.flags.length;
    while (n < size) n *= 2;
    const grown = new Uint8Array(n);
    grown.set(this.flags);
    this.flags = grown;
  }
}
