/**
 * A min-heap of wake-up times, each for one member of one audience. Entries
 * are never removed early: a popped entry whose time is no longer the
 * member's scheduled time is stale and skipped by the caller.
 */
export class TimerHeap {
  private times: number[] = [];
  private audiences: number[] = [];
  private rows: number[] = [];

  /** How many entries (stale ones included) are held. */
  get size(): number {
    return this.times.length;
  }

  /** The earliest time held (Infinity when empty). */
  peekTime(): number {
    return this.times.length === 0 ? Number.POSITIVE_INFINITY : this.times[0]!;
  }

  push(time: number, audience: number, row: number): void {
    const { times, audiences, rows } = this;
    let i = times.length;
    times.push(time);
    audiences.push(audience);
    rows.push(row);
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      if (times[parent]! <= time) break;
      times[i] = times[parent]!;
      audiences[i] = audiences[parent]!;
      rows[i] = rows[parent]!;
      i = parent;
    }
    times[i] = time;
    audiences[i] = audience;
    rows[i] = row;
  }

  /** Removes the earliest entry and hands it to `into`; false when empty. */
  pop(into: { time: number; audience: number; row: number }): boolean {
    const { times, audiences, rows } = this;
    const n = times.length;
    if (n === 0) return false;
    into.time = times[0]!;
    into.audience = audiences[0]!;
    into.row = rows[0]!;
    const lastTime = times.pop()!;
    const lastAudience = audiences.pop()!;
    const lastRow = rows.pop()!;
    if (n === 1) return true;
    let i = 0;
    const size = n - 1;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && times[child + 1]! < times[child]!) child++;
      if (times[child]! >= lastTime) break;
      times[i] = times[child]!;
      audiences[i] = audiences[child]!;
      rows[i] = rows[child]!;
      i = child;
    }
    times[i] = lastTime;
    audiences[i] = lastAudience;
    rows[i] = lastRow;
    return true;
  }
}
