import { StringIndex } from "@abm-kit/core/internal";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SeedEventIds, type IdentifiedRows } from "../src/streaming/store/seed-event-ids.js";

// SeedEventIds is internal to the streaming evaluator; it is checked here against its tables' own indexes.
function table(ids: readonly string[]): IdentifiedRows & { lookups: number } {
  const index = StringIndex.over(ids);
  const rows = {
    size: ids.length,
    lookups: 0,
    id: (row: number) => ids[row]!,
    indexOf(id: string) {
      rows.lookups++;
      return index.find(id);
    },
  };
  return rows;
}

describe("the Snapshot's event ids", () => {
  it("answers exactly as the tables' indexes, for ids of each table and ids of none", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 400 }),
        fc.nat({ max: 400 }),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 200 }),
        (ids, cut, others) => {
          const first = table(ids.slice(0, Math.min(cut, ids.length)));
          const second = table(ids.slice(Math.min(cut, ids.length)));
          const seed = new SeedEventIds([first, second]);
          for (const id of [...ids, ...others]) expect(seed.has(id)).toBe(ids.includes(id));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("answers most unknown ids without asking the tables", () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => `seed-${i}`);
    const persons = table(ids.slice(0, 150_000));
    const accounts = table(ids.slice(150_000));
    const seed = new SeedEventIds([persons, accounts]);
    expect(ids.filter((id) => !seed.has(id))).toEqual([]);
    persons.lookups = 0;
    accounts.lookups = 0;
    let found = 0;
    for (let i = 0; i < 100_000; i++) if (seed.has(`new-${i}`)) found++;
    expect(found).toBe(0);
    // a filter of about ten bits per id lets through about one unknown id in a hundred (each then asks up to both tables)
    expect(persons.lookups).toBeLessThan(2_000);
    expect(accounts.lookups).toBeLessThanOrEqual(persons.lookups);
  });

  it("works with no ids at all", () => {
    const seed = new SeedEventIds([table([]), table([])]);
    expect(seed.has("anything")).toBe(false);
  });
});
