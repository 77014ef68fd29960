import { RowNumbers } from "./store/row-numbers.js";

/** Up to this many rows, a step's rows are found by searching the list rather than by their marks. */
const SCAN_LIMIT = 16;

/**
 * The member rows of one audience waiting to be re-evaluated in a step, each
 * once, in the order they were added. Clearing is O(1) and allocates nothing
 * (a row is marked with the current round instead of being hashed; the few
 * rows of a typical step are only searched for, touching no per-row memory).
 */
export class PendingRows {
  /** The rows, in `list[0 … count-1]` (kept between steps: clearing frees nothing). */
  private list = new Int32Array(SCAN_LIMIT);
  private count = 0;
  private readonly marks = new RowNumbers(-1);
  private round = 0;

  get size(): number {
    return this.count;
  }

  add(row: number): void {
    const list = this.list;
    const count = this.count;
    if (count < SCAN_LIMIT) {
      // a short list is searched (it is in cache); the marks are written once it grows
      for (let i = 0; i < count; i++) if (list[i] === row) return;
      list[count] = row;
      this.count = count + 1;
      if (count + 1 === SCAN_LIMIT) for (let i = 0; i < SCAN_LIMIT; i++) this.marks.set(list[i]!, this.round);
      return;
    }
    if (this.marks.get(row) === this.round) return;
    this.marks.set(row, this.round);
    if (count === list.length) {
      this.list = new Int32Array(count * 2);
      this.list.set(list);
    }
    this.list[count] = row;
    this.count = count + 1;
  }

  /** The `i`-th row added. */
  at(i: number): number {
    return this.list[i]!;
  }

  clear(): void {
    if (this.count === 0) return;
    this.count = 0;
    this.round++;
  }
}
