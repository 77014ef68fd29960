import { RowNumbers } from "./store/row-numbers.js";

/**
 * The member rows of one audience waiting to be re-evaluated in a step, each
 * once, in the order they were added. Clearing is O(1) and allocates nothing
 * (a row is marked with the current round instead of being hashed).
 */
export class PendingRows {
  private readonly list: number[] = [];
  private readonly marks = new RowNumbers(-1);
  private round = 0;

  get size(): number {
    return this.list.length;
  }

  add(row: number): void {
    if (this.marks.get(row) === this.round) return;
    this.marks.set(row, this.round);
    this.list.push(row);
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
