import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateComposition } from "@abm-kit/audience";
import { compileCompositionSql } from "../src/index.js";
import { COMPOSITION_AUDIENCES, ENRICH_CASES } from "./composition-cases.js";
import { duckdbEngine, postgresEngine, type Engine } from "./engines.js";
import { NOW, sqlFixture } from "./fixture.js";

const snapshot = sqlFixture();
const engines: Record<"duckdb" | "postgres", Engine | undefined> = { duckdb: undefined, postgres: undefined };
beforeAll(async () => {
  engines.duckdb = await duckdbEngine(snapshot);
  engines.postgres = await postgresEngine(snapshot);
});
afterAll(async () => {
  await engines.duckdb?.close();
  await engines.postgres?.close();
});

/** A value as the drivers return it, in JSON form (numbers from numeric text, arrays as arrays). */
function jsonValue(value: unknown): unknown {
  if (typeof value === "string" && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value)) return Number(value);
  return value ?? null;
}

describe("enrich queries return the in-memory members' attributes", () => {
  for (const composition of ENRICH_CASES) {
    for (const dialect of ["duckdb", "postgres"] as const) {
      it(`${dialect}: ${composition.id}`, async () => {
        const expected = evaluateComposition(composition, snapshot, { now: NOW, audiences: COMPOSITION_AUDIENCES });
        const compiled = compileCompositionSql(composition, { dialect, now: NOW, snapshot, audiences: COMPOSITION_AUDIENCES });
        expect(compiled.outputs).toHaveLength(expected.length);
        for (const [i, output] of compiled.outputs.entries()) {
          const rows = await engines[dialect]!.query(output.enrich!.sql, output.enrich!.params);
          const actual = rows.map(({ id, ...attributes }) => ({
            id,
            attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, jsonValue(v)])),
          }));
          expect(actual).toEqual(expected[i]!.members!.map((m) => ({ id: m.id, attributes: m.attributes })));
        }
        // the cases are informative: every output has members, and every attribute is present for someone
        expect(expected.every((r) => r.size > 0)).toBe(true);
        for (const attribute of composition.enrich!) expect(expected.some((r) => r.members!.some((m) => m.attributes[attribute.name] !== null))).toBe(true);
      });
    }
  }

  it("attribute names that cannot be distinct SQL columns are a typed error naming each", () => {
    const clash = {
      ...ENRICH_CASES[1]!,
      enrich: [
        { name: "ID", value: { kind: "field" as const, field: "title" } },
        { name: "Title", value: { kind: "field" as const, field: "title" } },
        { name: "title", value: { kind: "field" as const, field: "email" } },
      ],
    };
    expect(() => compileCompositionSql(clash, { dialect: "duckdb", now: NOW, snapshot, audiences: COMPOSITION_AUDIENCES })).toThrow(
      expect.objectContaining({
        code: "AUDIENCE_COMPILE_FAILED",
        problems: [expect.objectContaining({ path: ["enrich", 0, "name"] }), expect.objectContaining({ path: ["enrich", 2, "name"] })],
      }),
    );
  });

  it("compositions without enrich have no enrich query", () => {
    const compiled = compileCompositionSql(
      { ...ENRICH_CASES[1]!, enrich: undefined },
      { dialect: "duckdb", now: NOW, snapshot, audiences: COMPOSITION_AUDIENCES },
    );
    expect(compiled.outputs[0]!.enrich).toBeUndefined();
  });
});
