import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildSnapshot } from "@abm-kit/core";
import { evaluateComposition, type Composition } from "@abm-kit/audience";
import { compileCompositionSql } from "../src/index.js";
import { duckdbEngine, postgresEngine, type Engine } from "./engines.js";
import { NOW } from "./fixture.js";

/** Ids of many shapes: lengths 1–40, ASCII, two- and three-byte UTF-8 characters and a four-byte one (every byte value class the hash reads). */
function variedIds(count: number): string[] {
  const alphabet = ["a", "Z", "0", "9", "-", "_", ".", ":", "é", "Ж", "中", "ß", "🚀", "Ω"];
  const ids = new Set<string>();
  let seed = 20261120;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  while (ids.size < count) {
    const length = 1 + (next() % 40);
    let id = "";
    for (let i = 0; i < length; i++) id += alphabet[next() % alphabet.length];
    ids.add(id);
  }
  return [...ids];
}

const snapshot = buildSnapshot({ accounts: variedIds(400).map((id, i) => ({ id, name: `Account ${i}`, employeeCount: i })) }, { asOf: NOW });
const everyone = {
  kind: "definition" as const,
  audience: { id: "all", name: "All", version: 1, type: "account" as const, condition: { kind: "and" as const, conditions: [] } },
};
let duck: Engine;
let postgres: Engine;
beforeAll(async () => {
  duck = await duckdbEngine(snapshot);
  postgres = await postgresEngine(snapshot);
});
afterAll(async () => {
  await duck?.close();
  await postgres?.close();
});

async function expectSameSplit(composition: Composition): Promise<number[]> {
  const expected = evaluateComposition(composition, snapshot, { now: NOW });
  const sizes: number[] = [];
  for (const [dialect, engine] of [
    ["duckdb", duck],
    ["postgres", postgres],
  ] as const) {
    const compiled = compileCompositionSql(composition, { dialect, now: NOW, snapshot });
    expect(compiled.outputs.map((o) => o.audienceId)).toEqual(expected.map((r) => r.audienceId));
    for (const [i, output] of compiled.outputs.entries()) {
      // ids beyond the Basic Multilingual Plane sort by code point in SQL: compare as sets in code-unit order
      const ids = (await engine.ids(output as never)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(ids).toEqual(expected[i]!.memberIds);
      sizes.push(ids.length);
    }
  }
  return sizes;
}

describe("percentage splits reproduce the in-memory FNV-1a hash exactly", () => {
  it("a 90/10 split of 400 varied ids (multi-byte characters, lengths 1–40) lands every member where the in-memory split puts it", async () => {
    const sizes = await expectSameSplit({
      id: "c",
      name: "c",
      version: 1,
      type: "account",
      members: everyone,
      split: {
        by: "percentage",
        salt: "q4-holdout",
        branches: [
          { id: "test", percent: 90 },
          { id: "holdout", percent: 10 },
        ],
      },
    });
    // the split really splits: both branches hold members
    expect(Math.min(...sizes)).toBeGreaterThan(10);
  });

  it("random salts and shares agree on both engines", async () => {
    const shares = fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }).map((parts) => {
      const total = parts.reduce((a, b) => a + b, 0);
      const percents = parts.map((p) => (p / total) * 100);
      const sum = percents.slice(0, -1).reduce((a, b) => a + b, 0);
      return [...percents.slice(0, -1), 100 - sum];
    });
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 12 }), shares, async (salt, percents) => {
        const composition: Composition = {
          id: "c",
          name: "c",
          version: 1,
          type: "account",
          members: everyone,
          split: { by: "percentage", salt, branches: percents.map((percent, i) => ({ id: `b${i}`, percent })) },
        };
        const parsed = (() => {
          try {
            return evaluateComposition(composition, snapshot, { now: NOW });
          } catch {
            return undefined;
          }
        })();
        if (parsed === undefined) return; // shares that do not sum to 100 within the tolerance
        await expectSameSplit(composition);
      }),
      { numRuns: 25, seed: 1120 },
    );
  });
});
