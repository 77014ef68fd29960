import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parseValue, type ObjectSpec, type ValueType } from "@abm-kit/sources";
import { ENGINES } from "./engines.js";

const TYPES: ValueType[] = ["string", "id", "salesforceId", "number", "integer", "boolean", "date", "instant", "multi"];
const dir = mkdtempSync(join(tmpdir(), "abm-kit-warehouse-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Cells near the edges of every type: ids of 15/18 characters in any case, dates and instants with bad parts, numbers, flags, lists. */
const cell = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "true",
    "FALSE",
    "1",
    "0",
    "yes",
    "2026-02-29",
    "2024-02-29",
    "0099-01-01",
    "2026-13-01",
    "2026-03-01T09:30:00Z",
    "2026-03-01 09:30+0100",
    "2026-03-01T24:00:00Z",
    "2026-03-01T24:00:01Z",
    "2026-03-01T09:60:00Z",
    "2026-03-01T09:30:00.123456-05:30",
    "2026-03-01t09:30:00z",
    "2026-03-01T09:30:00",
    "1e3",
    "+1.",
    ".5",
    "1.5",
    "-0",
    "abc",
    "a; b;;c ",
    " x ",
  ),
  fc.constantFrom(
    "001Hs00001AcmeA",
    "001hs00001acmea",
    "001Hs00001AcmeAIAR",
    "001HS00001ACMEAIAR",
    "001hs00001acmeaiar",
    "001Hs00001AcmeAAAA",
    "001hs00001acmea999",
    "0032x000001abcDEF",
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
  fc
    .tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.constantFrom("Z", "+01:00", "-0930", "+2400", "+23:59"))
    .map(([h, m, z]) => `2026-01-01T${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:00${z}`),
  fc.stringMatching(/^[ a-zA-Z0-9.;:+-]{0,20}$/),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);

const csvCell = (v: string) => `"${v.replaceAll('"', '""')}"`;

describe.each(ENGINES)("every cell read in %s as parseValue reads it", (_name, open) => {
  it("for random cells of every type", async () => {
    const engine = await open();
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 12 }), async (cells) => {
          const columns = Object.fromEntries(TYPES.map((t) => [`c_${t}`, t])) as Record<string, ValueType>;
          const spec: ObjectSpec = { kind: "test", columns, required: [], keepsExtras: false, isKnownExtra: () => false, map: () => ({}) };
          const path = join(dir, `cells-${run}.csv`);
          const table = `t${run++}`;
          writeFileSync(path, [Object.keys(columns).join(","), ...cells.map((c) => TYPES.map(() => csvCell(c)).join(","))].join("\n") + "\n");
          await engine.stage({ path, spec, table, file: table });
          const rows = await engine.query(`SELECT * FROM ${table} ORDER BY _record`);
          const problems = await engine.query(`SELECT record, field, message FROM load_problems WHERE file = '${table}'`);
          cells.forEach((raw, i) => {
            for (const type of TYPES) {
              const want = parseValue(raw, type);
              const got = rows[i]![`c_${type}`];
              const problem = problems.find((p) => Number(p.record) === i + 1 && p.field === `c_${type}`);
              const context = { raw, type };
              if (want.ok) {
                expect({ ...context, problem: problem?.message }).toEqual({ ...context, problem: undefined });
                const value = got === null || got === undefined ? undefined : typeof want.value === "number" ? Number(got) : got;
                expect({ ...context, value }).toEqual({ ...context, value: want.value });
              } else {
                expect({ ...context, problem: problem?.message }).toEqual({ ...context, problem: `${want.message}; the value was left out` });
              }
            }
          });
        }),
        { numRuns: 40 },
      );
    } finally {
      await engine.close();
    }
  });
});
