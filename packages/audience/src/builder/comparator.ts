import type { Comparator } from "../definition/comparator.js";

/** Finishes a condition with a numeric comparison (of a count or an aggregate). */
export class ComparatorBuilder<T> {
  constructor(private readonly finish: (comparator: Comparator) => T) {}
  /** ≥ n */
  atLeast(n: number): T {
    return this.finish({ op: "gte", value: n });
  }
  /** ≤ n */
  atMost(n: number): T {
    return this.finish({ op: "lte", value: n });
  }
  /** > n */
  moreThan(n: number): T {
    return this.finish({ op: "gt", value: n });
  }
  /** < n */
  fewerThan(n: number): T {
    return this.finish({ op: "lt", value: n });
  }
  /** = n */
  exactly(n: number): T {
    return this.finish({ op: "eq", value: n });
  }
  /** ≠ n */
  not(n: number): T {
    return this.finish({ op: "neq", value: n });
  }
  /** min ≤ x ≤ max */
  between(min: number, max: number): T {
    return this.finish({ op: "between", min, max });
  }
  /** Any comparator. */
  compare(comparator: Comparator): T {
    return this.finish(comparator);
  }
}
