import type { Problem, ProblemPath } from "@abm-kit/core";

/** The children of a raw (unvalidated) node at `path` (from the root): each with its path relative to the node. */
export type RawChildren = (node: Record<string, unknown>, path: ProblemPath) => Iterable<readonly [ProblemPath, unknown]>;

/** What {@link limitNesting} found: the nodes past the limit, and the input with them replaced. */
export interface NestingCheck {
  readonly problems: Problem[];
  /** The input with every node past the limit replaced by the placeholder (the input itself when none is). */
  readonly pruned: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Walks a raw tree (no recursion, so any depth is safe) from `root` (depth 1)
 * along `children`, and reports each node nested deeper than `limit` at its
 * path (once per branch: nothing below it is looked at). The pruned copy puts
 * `placeholder` in place of each such node, copying only the objects and
 * arrays on the way to it, so the rest can be validated without deep recursion.
 */
export function limitNesting(root: unknown, rootPath: ProblemPath, children: RawChildren, limit: number, placeholder: unknown, what: string): NestingCheck {
  const problems: Problem[] = [];
  const tooDeep: ProblemPath[] = [];
  const stack: Array<{ readonly node: unknown; readonly path: ProblemPath; readonly depth: number }> = [{ node: root, path: [], depth: 1 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    if (!isRecord(node)) continue;
    if (depth > limit) {
      tooDeep.push(path);
      problems.push({ path: [...rootPath, ...path], message: `${what} nest at most ${limit} levels deep`, code: "too_deep" });
      continue;
    }
    const next: Array<{ node: unknown; path: ProblemPath; depth: number }> = [];
    for (const [at, child] of children(node, [...rootPath, ...path])) next.push({ node: child, path: [...path, ...at], depth: depth + 1 });
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
  if (tooDeep.length === 0) return { problems, pruned: root };
  const copies = new Map<object, Record<string, unknown> | unknown[]>();
  const copyOf = (value: object): Record<string, unknown> | unknown[] => {
    let copy = copies.get(value);
    if (copy === undefined) copies.set(value, (copy = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) }));
    return copy;
  };
  const prunedRoot = copyOf(root as object);
  for (const path of tooDeep) {
    let original = root as Record<string | number, unknown>;
    let copy = prunedRoot as Record<string | number, unknown>;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      original = original[key] as Record<string | number, unknown>;
      const child = copyOf(original);
      copy[key] = child;
      copy = child as Record<string | number, unknown>;
    }
    copy[path[path.length - 1]!] = placeholder;
  }
  return { problems, pruned: prunedRoot };
}

/** Entries of an array under `key` of a raw node, each with its path. */
export function* arrayEntries(node: Record<string, unknown>, key: string): Iterable<readonly [ProblemPath, unknown]> {
  const list = node[key];
  if (Array.isArray(list)) for (let i = 0; i < list.length; i++) yield [[key, i], list[i]];
}
