/**
 * A number per row (0, 1, 2, …) in a Float64Array that grows on write; a row
 * never written reads as the fill value. A read is one bounds check and one
 * array load, where a Map lookup would hash.
 */
export class RowNumbers {
  private values: Float64Array;

  constructor(
    private readonly fill: number,
    capacity = 64,
  ) {
    this.values = new Float64Array(Math.max(1, capacity)).fill(fill);
  }

  get(row: number): number {
    return row < this.values.length ? this.values[row]! : this.fill;
  }

  set(row: number, value: number): void {
    if (row >= this.values.length) this.grow(row + 1);
    this.values[row] = value;
  }

  /** Sets every row back to the fill value. */
  reset(): void {
    this.values.fill(this.fill);
  }

  private grow(size: number): void {
    let n = this.values.length;
    while (n < size) n *= 2;
    const grown = new Float64Array(n).fill(this.fill);
    grown.set(this.values);
    this.values = grown;
  }
}
