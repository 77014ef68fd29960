/** Doubles next to a double: how a strict bound becomes an inclusive one, exactly. */

const bitsOfDouble = new Float64Array(1);
const bitsAsInteger = new BigInt64Array(bitsOfDouble.buffer);

/** The smallest double above `v` (NaN stays NaN). */
export function nextUp(v: number): number {
  if (v !== v || v === Number.POSITIVE_INFINITY) return v;
  if (v === 0) return Number.MIN_VALUE;
  bitsOfDouble[0] = v;
  bitsAsInteger[0] = bitsAsInteger[0]! + (v > 0 ? 1n : -1n);
  return bitsOfDouble[0]!;
}

/** The largest double below `v` (NaN stays NaN). */
export function nextDown(v: number): number {
  return -nextUp(-v);
}
