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
  private readonly list: number[] = [];
  private readonly marks = new RowNumbers(-1);
  private round = 0;

  get size(): number {
    return this.list.length;
  }

  add(row: number): void {
    const list = this.list;
    if (list.length < SCAN_LIMIT) {
      // a short list is searched (it is in cache); the marks are written once it grows
      for (let i = 0; i < list.length; i++) if (list[i] === row) return;
      list.push(row);
      if (list.length === SCAN_LIMIT) for (let i = 0; i < list.length; i++) this.marks.set(list[i]!, this.round);
      return;
    }
    if (this.marks.get(row) === this.round) return;
    this.marks.set(row, this.round);
    list.push(row);
  }

  /** The `i`-th row added. */
  at(i: number): number {
    return this.list[i]!;
  }

  clear(): void {
    if (this.list.length === 0) return;
    this.list.length = 0;
    this.round++;
  }
}
