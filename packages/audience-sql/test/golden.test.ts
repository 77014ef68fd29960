import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Audience } from "@abm-kit/audience";
import { explainSql, type DialectName } from "../src/index.js";
import { ACCOUNT_CASES, PERSON_CASES } from "./cases.js";
import { NOW, accountAudience, personAudience, sqlFixture } from "./fixture.js";

const snapshot = sqlFixture();
const REFERENCED: Audience = { id: "engaged", name: "Engaged accounts", version: 2, type: "account", condition: ACCOUNT_CASES["event any owner in 30 days"]! };

/** The audiences pinned per dialect: every quirk (dates, months, regex, case, arrays, booleans, aggregates, events, sequences, references). */
const PINNED: Audience[] = [
  accountAudience(ACCOUNT_CASES["regex case-insensitive"]!, "regex-ci"),
  accountAudience(ACCOUNT_CASES["string order (code units)"]!, "string-order"),
  accountAudience(ACCOUNT_CASES["date within 1 month (Feb 28 clamp)"]!, "date-within-month"),
  accountAudience(ACCOUNT_CASES["instant within between"]!, "instant-between"),
  accountAudience(ACCOUNT_CASES["boolean eq / neq"]!, "booleans"),
  accountAudience(ACCOUNT_CASES["multi containsAny ci"]!, "multi-ci"),
  accountAudience(ACCOUNT_CASES["countDistinct stage / multi / unknown"]!, "count-distinct"),
  accountAudience(ACCOUNT_CASES["aggregate of dates (epoch ms)"]!, "aggregate-dates"),
  accountAudience(ACCOUNT_CASES["people all (true over zero)"]!, "people-all"),
  accountAudience(ACCOUNT_CASES["event owner person, distinct people"]!, "distinct-people"),
  accountAudience(ACCOUNT_CASES["sequence any people"]!, "sequence-any-people"),
  personAudience(PERSON_CASES["sequence within hours"]!, "sequence-hours"),
  accountAudience(
    {
      kind: "and",
      conditions: [
        { kind: "inAudience", audienceId: "engaged" },
        { kind: "not", condition: ACCOUNT_CASES["contains / startsWith / endsWith"]! },
      ],
    },
    "reference",
  ),
];

function goldenText(dialect: DialectName): string {
  return PINNED.map((audience) => explainSql(audience, { dialect, now: NOW, snapshot, audiences: [REFERENCED] })).join("\n\n;\n\n") + "\n";
}

describe("golden SQL", () => {
  for (const dialect of ["snowflake", "bigquery", "spark", "duckdb", "postgres"] as const) {
    it(`${dialect} output is pinned in test/golden/${dialect}.sql`, () => {
      const file = fileURLToPath(new URL(`./golden/${dialect}.sql`, import.meta.url));
      const text = goldenText(dialect);
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, text);
      // a missing golden file fails: write it on purpose with UPDATE_GOLDEN=1 and review it
      expect(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1 to write it`).toBe(true);
      expect(text).toBe(readFileSync(file, "utf8"));
    });
  }
});
