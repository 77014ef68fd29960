/**
 * A compressed sparse row adjacency: for source `i`, its targets are
 * `targets[offsets[i] .. offsets[i + 1])`, ascending.
 */
export class Adjacency {
  constructor(
    readonly offsets: Int32Array,
    readonly targets: Int32Array,
  ) {}

  get sourceCount(): number {
    return this.offsets.length - 1;
  }

  /** The targets of source `i` (a view, ascending). */
  of(i: number): Int32Array {
    return this.targets.subarray(this.offsets[i] as number, this.offsets[i + 1] as number);
  }

  degree(i: number): number {
    return (this.offsets[i + 1] as number) - (this.offsets[i] as number);
  }
}

/**
 * Builds an adjacency from parallel arrays of edges (source[k] → target[k]);
 * edges whose source or target is negative are skipped. Each source's targets come
 * out ascending; with `unique`, a repeated edge is kept once.
 */
export function buildAdjacency(sourceCount: number, sources: ArrayLike<number>, targets: ArrayLike<number>, options: { unique?: boolean } = {}): Adjacency {
  const counts = new Int32Array(sourceCount + 1);
  const edgeCount = sources.length;
  for (let k = 0; k < edgeCount; k++) {
    const s = sources[k] as number;
    if (s >= 0 && (targets[k] as number) >= 0) counts[s + 1]!++;
  }
  for (let i = 0; i < sourceCount; i++) counts[i + 1]! += counts[i]!;
  const cursor = counts.slice(0, sourceCount);
  const out = new Int32Array(counts[sourceCount]!);
  for (let k = 0; k < edgeCount; k++) {
    const s = sources[k] as number;
    const t = targets[k] as number;
    if (s >= 0 && t >= 0) out[cursor[s]!++] = t;
  }
  // sort each row (rows are short), optionally dropping repeats
  const offsets = new Int32Array(sourceCount + 1);
  let write = 0;
  for (let i = 0; i < sourceCount; i++) {
    const start = counts[i]!;
    const end = counts[i + 1]!;
    offsets[i] = write;
    if (end - start > 1) out.subarray(start, end).sort();
    let previous = -1;
    for (let k = start; k < end; k++) {
      const t = out[k]!;
      if (options.unique && t === previous) continue;
      out[write++] = t;
      previous = t;
    }
  }
  offsets[sourceCount] = write;
  return new Adjacency(offsets, write === out.length ? out : out.slice(0, write));
}

/** The adjacency read the other way round: target → sources. */
export function invertAdjacency(adjacency: Adjacency, targetCount: number): Adjacency {
  const sources = new Int32Array(adjacency.targets.length);
  for (let i = 0; i < adjacency.sourceCount; i++) {
    sources.fill(i, adjacency.offsets[i]!, adjacency.offsets[i + 1]!);
  }
  return buildAdjacency(targetCount, adjacency.targets, sources);
}
