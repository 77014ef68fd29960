/**
 * Ids in dependency order: each after every id it references, walking from
 * `roots` in order, without recursion (a chain of any length is safe).
 * `referencesOf(id, from)` gives what `id` references, or undefined when `id`
 * is a leaf that is not to be listed (already known; `from` is the id that
 * referenced it, undefined for a root). A cycle calls `onCycle` with its ids,
 * the first repeated at the end (`a → b → a`).
 */
export function dependencyOrder(
  roots: Iterable<string>,
  referencesOf: (id: string, from: string | undefined) => readonly string[] | undefined,
  onCycle: (cycle: readonly string[]) => never,
): string[] {
  /** 1: on the current path; 2: listed or a leaf. */
  const state = new Map<string, 1 | 2>();
  const out: string[] = [];
  const trail: string[] = [];
  const frames: Array<{ readonly id: string; readonly refs: readonly string[]; next: number }> = [];
  const enter = (id: string, from: string | undefined): void => {
    const refs = referencesOf(id, from);
    if (refs === undefined) {
      state.set(id, 2);
      return;
    }
    state.set(id, 1);
    trail.push(id);
    frames.push({ id, refs, next: 0 });
  };
  for (const root of roots) {
    if (state.has(root)) continue;
    enter(root, undefined);
    while (frames.length > 0) {
      const top = frames[frames.length - 1]!;
      if (top.next < top.refs.length) {
        const ref = top.refs[top.next++]!;
        const seen = state.get(ref);
        if (seen === 2) continue;
        if (seen === 1) onCycle([...trail.slice(trail.indexOf(ref)), ref]);
        enter(ref, top.id);
      } else {
        frames.pop();
        trail.pop();
        state.set(top.id, 2);
        out.push(top.id);
      }
    }
  }
  return out;
}
