import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSnapshot } from "@abm-kit/core";
import { evaluate, type Audience } from "@abm-kit/audience";
import { compileAudienceSql, explainSql, layoutDdl, snapshotLayout, writeSnapshotToDuckDB } from "../src/index.js";
import { DuckDBInstance } from "@duckdb/node-api";
import { duckdbEngine, postgresEngine, type Engine } from "./engines.js";
import { NOW, accountAudience, sqlFixture } from "./fixture.js";

const snapshot = sqlFixture();
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

const audience = (id: string, condition: Audience["condition"], type: Audience["type"] = "account"): Audience => ({
  id,
  name: id,
  version: 1,
  type,
  condition,
});

describe("writing a snapshot", () => {
  it("writes every row of every table, in both engines", async () => {
    const expected: Record<string, number> = {
      accounts: snapshot.accounts.size,
      persons: snapshot.persons.size,
      links: snapshot.links.size,
      opportunities: snapshot.opportunities.size,
      opportunity_roles: snapshot.opportunityRoles.size,
      campaigns: snapshot.campaigns.size,
      campaign_members: snapshot.campaignMembers.size,
      person_events: snapshot.personEvents.size,
      account_events: snapshot.accountEvents.size,
      related_intent: snapshot.related.get("intent")!.table.size,
      related_intent_owners: snapshot.related.get("intent")!.byOwner.targets.length,
    };
    for (const engine of [duck, postgres]) {
      for (const [table, n] of Object.entries(expected)) {
        const rows = await engine.query(`SELECT COUNT(*) AS n FROM ${table}`);
        expect([table, Number(rows[0]!.n)]).toEqual([table, n]);
      }
    }
    // domain keys in any spelling join their account once; unmatched rows have no owner
    const owners = await postgres.query("SELECT _owner_id AS owner, COUNT(*) AS n FROM related_intent_owners GROUP BY _owner_id ORDER BY _owner_id");
    expect(owners).toEqual([
      { owner: "A1", n: "1" },
      { owner: "A2", n: "2" },
      { owner: "A6", n: "1" },
    ]);
  });

  it("keeps instants to the millisecond, dates as days, arrays and missing values", async () => {
    const sql = `SELECT id, CAST(epoch_ms("createdAt") AS VARCHAR) AS created, CAST("Renewal__c" AS VARCHAR) AS renewal, "Tags__c" AS tags FROM accounts WHERE id IN ('A1', 'A5') ORDER BY id`;
    const rows = await duck.query(sql);
    expect(rows.map((r) => r.id)).toEqual(["A1", "A5"]);
    expect(Number(rows[0]!.created)).toBe(Date.parse(String(snapshot.accounts.value(0, "createdAt"))));
    expect(rows[0]!.renewal).toBe("2026-03-31");
    expect(rows[0]!.tags).toEqual(["ABM", "Tier 1"]);
    expect(rows[1]!.tags).toBeNull();
  });

  it("returns the rows written per table", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const counts = await writeSnapshotToDuckDB(connection, snapshot);
    expect(counts.person_events).toBe(snapshot.personEvents.size);
    expect(counts.related_ownedProducts).toBe(5);
    connection.closeSync();
    instance.closeSync();
  });

  it("has DDL per dialect with each dialect's types", () => {
    const layout = snapshotLayout(snapshot);
    const table = (dialect: Parameters<typeof layoutDdl>[1]) =>
      layoutDdl(layout, dialect).find((s) => s.startsWith(`CREATE TABLE ${dialect === "bigquery" || dialect === "spark" ? "`accounts`" : '"accounts"'}`))!;
    expect(table("postgres")).toContain('"createdAt" TIMESTAMP(3) WITHOUT TIME ZONE');
    expect(table("postgres")).toContain('"Tags__c" TEXT[]');
    expect(table("duckdb")).toContain('"Tags__c" VARCHAR[]');
    expect(table("snowflake")).toContain('"createdAt" TIMESTAMP_NTZ(3)');
    expect(table("bigquery")).toContain("`Renewal__c` DATE");
    expect(table("bigquery")).toContain("`Tags__c` ARRAY<STRING>");
    expect(table("spark")).toContain("`createdAt` TIMESTAMP_NTZ");
    expect(layoutDdl(layout, "postgres").filter((s) => s.startsWith("CREATE INDEX")).length).toBeGreaterThan(5);
  });

  it("refuses a field that reuses a layout column name", () => {
    const bad = buildSnapshot({ accounts: [{ id: "A", attributes: { _row: "x" } }] }, { asOf: NOW });
    expect(() => layoutDdl(snapshotLayout(bad), "duckdb")).toThrow(expect.objectContaining({ code: "INVALID_LAYOUT" }));
  });
});

describe("compiling", () => {
  it("needs a layout or snapshot, a known dialect and a valid now", () => {
    const a = accountAudience({ kind: "attribute", field: "industry", op: "exists" });
    expect(() => compileAudienceSql(a, { dialect: "duckdb", now: NOW })).toThrow(expect.objectContaining({ code: "INVALID_OPTIONS" }));
    expect(() => compileAudienceSql(a, { dialect: "oracle" as never, now: NOW, snapshot })).toThrow(expect.objectContaining({ code: "INVALID_OPTIONS" }));
    expect(() => compileAudienceSql(a, { dialect: "duckdb", now: "yesterday", snapshot })).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
    expect(() => compileAudienceSql({ ...a, type: "company" } as never, { dialect: "duckdb", now: NOW, snapshot })).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED" }),
    );
  });

  it("raises the in-memory engine's typed errors: type mismatch, undeclared related table, cycles, unknown references", () => {
    const options = { dialect: "postgres" as const, now: NOW, snapshot };
    const mismatch = accountAudience({ kind: "attribute", field: "employeeCount", op: "gt", value: "many" });
    expect(() => evaluate(mismatch, snapshot, { now: NOW })).toThrow(expect.objectContaining({ code: "AUDIENCE_COMPILE_FAILED" }));
    expect(() => compileAudienceSql(mismatch, options)).toThrow(expect.objectContaining({ code: "AUDIENCE_COMPILE_FAILED" }));
    expect(() => compileAudienceSql(accountAudience({ kind: "related", relation: "related:nope", quantifier: "some" }), options)).toThrow(
      expect.objectContaining({ code: "AUDIENCE_COMPILE_FAILED" }),
    );
    const a = audience("a", { kind: "inAudience", audienceId: "b" });
    const b = audience("b", { kind: "inAudience", audienceId: "a" });
    expect(() => compileAudienceSql(a, { ...options, audiences: [b] })).toThrow(
      expect.objectContaining({ code: "AUDIENCE_REFERENCE_CYCLE", message: expect.stringContaining("a → b → a") }),
    );
    expect(() => compileAudienceSql(a, options)).toThrow(expect.objectContaining({ code: "UNKNOWN_AUDIENCE_REFERENCE" }));
    expect(() =>
      compileAudienceSql(audience("p", { kind: "inAudience", audienceId: "b" }, "person"), {
        ...options,
        audiences: [audience("b", { kind: "and", conditions: [] })],
      }),
    ).toThrow(expect.objectContaining({ code: "AUDIENCE_COMPILE_FAILED" }));
  });

  it("compiles references in dependency order, to definitions and to given results", async () => {
    const base = audience("base", { kind: "attribute", field: "type", op: "eq", value: "Prospect" });
    const middle = audience("middle", {
      kind: "and",
      conditions: [
        { kind: "inAudience", audienceId: "base" },
        { kind: "related", relation: "people", quantifier: "some" },
      ],
    });
    const top = audience("top", {
      kind: "or",
      conditions: [
        { kind: "inAudience", audienceId: "middle" },
        { kind: "inAudience", audienceId: "given" },
      ],
    });
    const given = { audienceId: "given", audienceName: "Given", type: "account" as const, memberIds: ["A8", "A99"], now: NOW, size: 2 };
    const expected = evaluate(top, snapshot, { now: NOW, audiences: [base, middle, given] }).memberIds;
    expect(expected.length).toBeGreaterThan(1);
    for (const [dialect, engine] of [
      ["duckdb", duck],
      ["postgres", postgres],
    ] as const) {
      const compiled = compileAudienceSql(top, { dialect, now: NOW, snapshot, audiences: [middle, given, base] });
      expect(compiled.sql.indexOf("-- audience base")).toBeLessThan(compiled.sql.indexOf("-- audience middle"));
      expect(await engine.ids(compiled)).toEqual(expected);
    }
  });

  it("explains: the SQL with a comment naming each condition and the parameters listed", () => {
    const text = explainSql(
      accountAudience({
        kind: "and",
        conditions: [
          { kind: "attribute", field: "industry", op: "eq", value: "Software" },
          { kind: "attribute", field: "Nope", op: "exists" },
        ],
      }),
      { dialect: "bigquery", now: NOW, snapshot },
    );
    expect(text).toContain("-- condition.conditions[0]: attribute industry eq");
    expect(text).toContain("-- condition.conditions[1]: attribute Nope exists");
    expect(text).toContain('-- @p1 text = "Software"');
    expect(text).toContain('-- warning: account rows have no field "Nope"; it reads as missing');
  });

  it("binds the same now for every relative window, so a re-run at another now moves every window", async () => {
    const a = accountAudience({ kind: "event", types: ["Visit Webpage", "Intent Surge"], window: { last: { amount: 1, unit: "months" } } });
    for (const now of ["2026-03-31T12:00:00.000Z", "2026-03-15T00:00:00.000Z", "2025-05-01T00:00:00.000Z"]) {
      const expected = evaluate(a, snapshot, { now }).memberIds;
      expect(await duck.ids(compileAudienceSql(a, { dialect: "duckdb", now, snapshot }))).toEqual(expected);
      expect(await postgres.ids(compileAudienceSql(a, { dialect: "postgres", now, snapshot }))).toEqual(expected);
    }
  });
});
