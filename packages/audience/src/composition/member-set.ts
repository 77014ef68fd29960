/**
 * Member sets: entity ids, unique and in ascending code-unit order (the order
 * every audience result uses). The operations here merge sorted arrays in one
 * pass each, so their results are sorted and unique too.
 */

/** Ids sorted by code unit (the order of `<` on strings), as every result lists its members. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The ids of `ids`, each once, in ascending code-unit order. */
export function toMemberSet(ids: Iterable<string>): string[] {
  const sorted = [...new Set(ids)];
  sorted.sort(compareIds);
  return sorted;
}

/** True when `ids` is already unique and ascending. */
export function isMemberSet(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) return false;
  return true;
}

/** The ids in `a` or `b` (both member sets). */
export function unionOfSets(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) {
      out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** The ids in both `a` and `b` (both member sets). */
export function intersectionOfSets(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out;
}

/** The ids in `a` but not in `b` (both member sets). */
export function differenceOfSets(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length) {
    const x = a[i]!;
    while (j < b.length && b[j]! < x) j++;
    if (j >= b.length || b[j] !== x) out.push(x);
    i++;
  }
  return out;
}
