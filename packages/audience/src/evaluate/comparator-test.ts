import type { Comparator } from "../definition/comparator.js";

/** A test of a number against a comparator. NaN (missing) never passes. */
export function comparatorTest(comparator: Comparator): (x: number) => boolean {
  if (comparator.op === "between") {
    const { min, max } = comparator;
    return (x) => x >= min && x <= max;
  }
  const v = comparator.value;
  switch (comparator.op) {
    case "eq":
      return (x) => x === v;
    case "neq":
      return (x) => x === x && x !== v;
    case "gt":
      return (x) => x > v;
    case "gte":
      return (x) => x >= v;
    case "lt":
      return (x) => x < v;
    case "lte":
      return (x) => x <= v;
  }
}
