import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateComposition, evaluateCompositions, rank, type CompositionNode, type MemberList } from "@abm-kit/audience";
import { compileCompositionSql } from "../src/index.js";
import { COMPOSITION_AUDIENCES, COMPOSITION_CASES, GIVEN_RESULT } from "./composition-cases.js";
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

const NOWS = [NOW, "2026-02-28T23:59:59.999Z"];

describe("compositions on DuckDB and PostgreSQL return the in-memory members", () => {
  it("the cases are informative: most outputs hold some but not all members", () => {
    const results = evaluateCompositions(COMPOSITION_CASES, snapshot, { now: NOW, audiences: COMPOSITION_AUDIENCES, results: [GIVEN_RESULT] });
    const total = (type: string) => (type === "account" ? snapshot.accounts.size : snapshot.persons.size);
    const informative = results.filter((r) => r.size > 0 && r.size < total(r.type));
    expect(informative.length).toBeGreaterThan(results.length * 0.7);
  });

  for (const now of NOWS) {
    const expected = new Map(
      evaluateCompositions(COMPOSITION_CASES, snapshot, { now, audiences: COMPOSITION_AUDIENCES, results: [GIVEN_RESULT] }).map((r) => [
        r.audienceId,
        r.memberIds,
      ]),
    );
    for (const composition of COMPOSITION_CASES) {
      for (const dialect of ["duckdb", "postgres"] as const) {
        it(`${dialect} at ${now}: ${composition.id}`, async () => {
          const compiled = compileCompositionSql(composition, {
            dialect,
            now,
            snapshot,
            audiences: COMPOSITION_AUDIENCES,
            results: [GIVEN_RESULT],
            compositions: COMPOSITION_CASES,
          });
          const inMemory = evaluateComposition(composition, snapshot, {
            now,
            audiences: COMPOSITION_AUDIENCES,
            results: [GIVEN_RESULT],
            compositions: COMPOSITION_CASES,
          });
          expect(compiled.outputs.map((o) => o.audienceId)).toEqual(inMemory.map((r) => r.audienceId));
          expect(compiled.outputs.map((o) => o.audienceName)).toEqual(inMemory.map((r) => r.audienceName));
          for (const output of compiled.outputs) {
            expect({ id: output.audienceId, members: await engines[dialect]!.ids(output as never) }).toEqual({
              id: output.audienceId,
              members: expected.get(output.audienceId),
            });
          }
        });
      }
    }
  }

  const ranked = COMPOSITION_CASES.filter((c) => c.members.kind === "rank" && c.split === undefined);
  for (const composition of ranked) {
    for (const dialect of ["duckdb", "postgres"] as const) {
      it(`${dialect}: the ranking of ${composition.id} is the in-memory ranking, in rank order`, async () => {
        const node = composition.members as Extract<CompositionNode, { kind: "rank" }>;
        const options = { now: NOW, audiences: COMPOSITION_AUDIENCES, results: [GIVEN_RESULT], compositions: COMPOSITION_CASES };
        const input: MemberList = evaluateComposition({ ...composition, id: "rank-input", members: node.input }, snapshot, options)[0]!;
        const expected = rank(input, snapshot, { id: "x", by: node.by, order: node.order, limit: node.limit, now: NOW }).ranking!;
        const compiled = compileCompositionSql(composition, {
          dialect,
          now: NOW,
          snapshot,
          audiences: COMPOSITION_AUDIENCES,
          results: [GIVEN_RESULT],
          compositions: COMPOSITION_CASES,
        });
        const rows = await engines[dialect]!.query(compiled.ranking!.sql, compiled.ranking!.params);
        expect(rows.map((r) => ({ rank: Number(r.rank), id: String(r.id), value: r.value === null ? null : Number(r.value) }))).toEqual(
          expected.map((m) => ({ rank: m.rank, id: m.id, value: m.value })),
        );
      });
    }
  }
});
