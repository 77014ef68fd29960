import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Composition } from "@abm-kit/audience";
import { explainCompositionSql, type DialectName } from "../src/index.js";
import { COMPOSITION_AUDIENCES, COMPOSITION_CASES, ENRICH_CASES, GIVEN_RESULT } from "./composition-cases.js";
import { NOW, sqlFixture } from "./fixture.js";

const snapshot = sqlFixture();
const byId = (id: string): Composition => COMPOSITION_CASES.find((c) => c.id === id)!;

/** Compositions pinned per dialect: set operations, an inline audience, rank by an aggregate and via the primary account, every split kind, references between compositions, enrich (ISO text of instants and dates). */
const PINNED = [
  "icp-minus-suppression",
  "intersect-inline",
  "open-pipeline",
  "primary-account-size",
  "test-holdout",
  "by-tags",
  "by-renewal",
  "engagement-tiers",
  "of-compositions",
]
  .map(byId)
  .concat(ENRICH_CASES);

function goldenText(dialect: DialectName): string {
  return (
    PINNED.map((composition) =>
      explainCompositionSql(composition, {
        dialect,
        now: NOW,
        snapshot,
        audiences: COMPOSITION_AUDIENCES,
        results: [GIVEN_RESULT],
        compositions: COMPOSITION_CASES,
      }),
    ).join("\n\n;\n\n") + "\n"
  );
}

describe("golden composition SQL", () => {
  for (const dialect of ["snowflake", "bigquery", "spark", "duckdb", "postgres"] as const) {
    it(`${dialect} output is pinned in test/golden/composition-${dialect}.sql`, () => {
      const file = fileURLToPath(new URL(`./golden/composition-${dialect}.sql`, import.meta.url));
      const text = goldenText(dialect);
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, text);
      // a missing golden file fails: write it on purpose with UPDATE_GOLDEN=1 and review it
      expect(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1 to write it`).toBe(true);
      expect(text).toBe(readFileSync(file, "utf8"));
    });
  }

  it("binds every value: split values, member ids, shares and salts never appear in the text", () => {
    for (const dialect of ["snowflake", "bigquery", "spark"] as const) {
      const text = goldenText(dialect)
        .split("\n")
        .filter((line) => !line.startsWith("-- "))
        .join("\n");
      for (const value of ["q4-holdout", "Tier 1", "2026-03-31", "A7", "Proposal/Price Quote", "Customer"]) expect(text).not.toContain(value);
    }
  });
});
