import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PendingRows } from "../src/streaming/pending-rows.js";

// PendingRows is internal to the streaming evaluator; it is checked here against a Set.
describe("the rows pending in a step", () => {
  it("holds each added row once, in the order first added, across clears and lists of every length", () => {
    const op = fc.oneof(
      { weight: 40, arbitrary: fc.nat({ max: 60 }).map((row) => ({ add: row })) },
      { weight: 1, arbitrary: fc.constant({ clear: true as const }) },
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 20, maxLength: 300, size: "max" }), (ops) => {
        const rows = new PendingRows();
        let expected = new Set<number>();
        for (const o of ops) {
          if ("clear" in o) {
            rows.clear();
            expected = new Set();
          } else {
            rows.add(o.add);
            expected.add(o.add);
          }
          expect(Array.from({ length: rows.size }, (_, i) => rows.at(i))).toEqual([...expected]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
