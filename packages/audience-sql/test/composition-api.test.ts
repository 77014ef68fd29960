import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSnapshot } from "@abm-kit/core";
import { evaluateComposition, type Composition } from "@abm-kit/audience";
import { compileCompositionSql, explainCompositionSql, snapshotLayout } from "../src/index.js";
import { COMPOSITION_AUDIENCES, COMPOSITION_CASES, GIVEN_RESULT } from "./composition-cases.js";
import { duckdbEngine, postgresEngine, type Engine } from "./engines.js";
import { NOW, accountAudience, sqlFixture } from "./fixture.js";

const snapshot = sqlFixture();
const base = { now: NOW, snapshot, audiences: COMPOSITION_AUDIENCES, results: [GIVEN_RESULT] };
const composition = (id: string, members: Composition["members"], extra: Partial<Composition> = {}): Composition => ({
  id,
  name: id,
  version: 1,
  type: "account",
  members,
  ...extra,
});
const ref = (audienceId: string) => ({ kind: "audience" as const, audienceId });

describe("compileCompositionSql errors are the in-memory engine's", () => {
  it("rejects a bad definition with a ValidationError naming each path", () => {
    const bad = composition("bad", ref("big"), {
      split: {
        by: "percentage",
        salt: "s",
        branches: [
          { id: "a", percent: 60 },
          { id: "b", percent: 30 },
        ],
      },
    });
    expect(() => evaluateComposition(bad, snapshot, base)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
    expect(() => compileCompositionSql(bad, { ...base, dialect: "duckdb" })).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", problems: [expect.objectContaining({ path: ["split", "branches"] })] }),
    );
    expect(() => compileCompositionSql({ id: "x" } as never, { ...base, dialect: "duckdb" })).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
    expect(() => compileCompositionSql(composition("ok", ref("big")), { ...base, dialect: "duckdb", compositions: [{ id: "broken" } as never] })).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        problems: expect.arrayContaining([expect.objectContaining({ path: expect.arrayContaining(["compositions", 0]) })]),
      }),
    );
  });

  it("names a cycle between compositions, an unknown id, mixed types and duplicate outputs", () => {
    const a = composition("a", ref("b"));
    const b = composition("b", { kind: "union", inputs: [ref("big"), ref("a")] });
    for (const [target, others, code] of [
      [a, [b], "COMPOSITION_CYCLE"],
      [composition("u", ref("nowhere")), [], "UNKNOWN_AUDIENCE"],
      [composition("m", { kind: "union", inputs: [ref("big"), ref("leaders")] }), [], "COMPOSITION_TYPE_MISMATCH"],
      [
        composition("d", ref("big"), { split: { by: "attribute", field: "industry", branches: [{ id: "customers", values: ["x"] }] } }),
        [composition("customers", ref("big"))],
        "DUPLICATE_RESULT_ID",
      ],
      [composition("f", ref("big"), { split: { by: "attribute", field: "Nope__c", branches: [{ id: "x1", values: ["x"] }] } }), [], "UNKNOWN_FIELD"],
      [composition("r", { kind: "rank", input: ref("big"), by: { kind: "field", field: "industry" }, limit: 2 }), [], "INVALID_MEMBER_VALUE"],
      [
        composition("rel", { kind: "rank", input: ref("big"), by: { kind: "aggregate", relation: "campaignMembers", fn: "count" }, limit: 2 }),
        [],
        "UNKNOWN_RELATION",
      ],
    ] as const) {
      let expected: string | undefined;
      try {
        evaluateComposition(target, snapshot, { ...base, compositions: [...others] });
      } catch (error) {
        expected = (error as { code: string }).code;
      }
      expect(expected).toBe(code);
      expect(() => compileCompositionSql(target, { ...base, dialect: "postgres", compositions: [...others] })).toThrow(expect.objectContaining({ code }));
    }
    expect(() => compileCompositionSql(a, { ...base, dialect: "duckdb", compositions: [b] })).toThrow("a → b → a");
  });

  it("needs a layout or snapshot and a known dialect", () => {
    expect(() => compileCompositionSql(composition("x", ref("big")), { now: NOW, dialect: "duckdb", audiences: COMPOSITION_AUDIENCES })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS" }),
    );
    expect(() => compileCompositionSql(composition("x", ref("big")), { ...base, dialect: "oracle" as never })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS" }),
    );
    expect(() => compileCompositionSql(composition("x", ref("big")), undefined as never)).toThrow(expect.objectContaining({ code: "INVALID_OPTIONS" }));
    expect(() => compileCompositionSql(composition("x", ref("big")), { ...base, dialect: "duckdb", now: "yesterday" })).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED" }),
    );
  });
});

describe("compileCompositionSql output", () => {
  it("compiles the same from a stored layout as from the snapshot", () => {
    const layout = JSON.parse(JSON.stringify(snapshotLayout(snapshot)));
    for (const c of COMPOSITION_CASES.slice(0, 8)) {
      const fromSnapshot = compileCompositionSql(c, { ...base, dialect: "spark", compositions: COMPOSITION_CASES });
      const fromLayout = compileCompositionSql(c, {
        now: NOW,
        layout,
        audiences: COMPOSITION_AUDIENCES,
        results: [GIVEN_RESULT],
        dialect: "spark",
        compositions: COMPOSITION_CASES,
      });
      expect(fromLayout).toEqual(fromSnapshot);
    }
  });

  it("gives a ranking query only when the members are a rank, and carries referenced audiences' warnings", () => {
    const withUnknown = accountAudience({ kind: "attribute", field: "Nope__c", op: "missing" }, "unknown-field");
    const compiled = compileCompositionSql(composition("w", { kind: "union", inputs: [ref("unknown-field"), ref("big")] }), {
      ...base,
      audiences: [...COMPOSITION_AUDIENCES, withUnknown],
      dialect: "duckdb",
    });
    expect(compiled.ranking).toBeUndefined();
    expect(compiled.outputs[0]!.warnings).toEqual([expect.objectContaining({ code: "unknown_field", message: expect.stringContaining("unknown-field") })]);
    const ranked = compileCompositionSql(COMPOSITION_CASES.find((c) => c.id === "top-employees")!, { ...base, dialect: "duckdb" });
    expect(ranked.ranking?.sql).toContain("ORDER BY _rank");
  });

  it("explainCompositionSql lists each output's query with its parameters", () => {
    const text = explainCompositionSql(COMPOSITION_CASES.find((c) => c.id === "by-industry")!, { ...base, dialect: "bigquery" });
    expect(text.split("\n\n;\n\n")).toHaveLength(4);
    expect(text).toMatch(/^-- @p\d+ text = "Software"$/m);
    expect(text).toContain("-- output ind-other (attribute split), ordered by id");
  });
});

describe("hostile values stay values", () => {
  const ids = ["O'Brien -- x", "back\\slash", "$1", "? or 1=1", "semi;colon", "ok"];
  const hostile = buildSnapshot({ accounts: ids.map((id, i) => ({ id, industry: ids[(i + 1) % ids.length] })) }, { asOf: NOW });
  let engines: Engine[] = [];
  beforeAll(async () => {
    engines = [await duckdbEngine(hostile), await postgresEngine(hostile)];
  });
  afterAll(async () => {
    for (const engine of engines) await engine.close();
  });

  it("ids and split values with quotes, backslashes, -- and placeholders select exactly the in-memory members", async () => {
    const given = { audienceId: "given", type: "account" as const, memberIds: ["O'Brien -- x", "$1", "? or 1=1", "ok"] };
    const c = composition(
      "hostile",
      {
        kind: "exclude",
        from: ref("given"),
        exclude: [{ kind: "definition", audience: accountAudience({ kind: "attribute", field: "id", op: "eq", value: "ok" }, "just-ok") }],
      },
      {
        split: {
          by: "attribute",
          field: "industry",
          branches: [
            { id: "h1", values: ["back\\slash", "? or 1=1"] },
            { id: "h2", values: ["semi;colon", "O'Brien -- x"] },
          ],
          otherwise: { id: "h3" },
        },
      },
    );
    const expected = evaluateComposition(c, hostile, { now: NOW, results: [given] });
    expect(expected.map((r) => r.size)).toEqual([2, 1, 0]);
    for (const [i, dialect] of (["duckdb", "postgres"] as const).entries()) {
      const compiled = compileCompositionSql(c, { now: NOW, snapshot: hostile, results: [given], dialect });
      for (const [k, output] of compiled.outputs.entries()) {
        expect(await engines[i]!.ids(output as never)).toEqual(expected[k]!.memberIds);
        for (const id of ids.filter((x) => x !== "ok" && x !== "$1")) expect(output.sql).not.toContain(id); // "$1" is a placeholder itself
      }
    }
  });
});
