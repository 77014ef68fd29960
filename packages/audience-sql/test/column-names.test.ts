import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import pg from "pg";
import { DuckDBInstance } from "@duckdb/node-api";
import { inject } from "vitest";
import { AbmKitError, buildSnapshot } from "@abm-kit/core";
import { evaluate, evaluateComposition, type Audience, type Composition, type Condition } from "@abm-kit/audience";
import {
  compileAudienceSql,
  compileCompositionSql,
  fieldColumnNames,
  layoutDdl,
  layoutTables,
  MAX_COLUMN_NAME_BYTES,
  RESERVED_COLUMNS,
  snapshotLayout,
  writeSnapshotToDuckDB,
  writeSnapshotToPostgres,
} from "../src/index.js";
import { duckdbEngine, postgresEngine, type Engine } from "./engines.js";
import { NOW, daysAgo } from "./fixture.js";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");
const LONG = "Marketing_Qualified_Lead_Score_Last_Recomputed_By_The_Scoring_Model";
const LONG_A = `${LONG}_A`;
const LONG_B = `${LONG}_B`;

/**
 * Persons as real exports bring them: a Salesforce `Company` and a Marketo
 * `company`, an `ID` attribute beside the layout's `id`, two long names that
 * PostgreSQL would cut to the same 63 bytes, Unicode case pairs; accounts with
 * a custom `Industry` beside the standard `industry`; events with a `Type`
 * property beside the event `type`.
 */
function caseSnapshot() {
  const persons = Array.from({ length: 12 }, (_, i) => ({
    id: `P${String(i).padStart(2, "0")}`,
    email: `p${i}@x${i % 3}.test`,
    attributes: {
      Company: i % 2 === 0 ? "Acme (Salesforce)" : "Globex (Salesforce)",
      company: i % 3 === 0 ? "Acme (Marketo)" : "Initech (Marketo)",
      ID: `legacy-${i % 4}`,
      [LONG_A]: i % 4,
      [LONG_B]: i % 5,
      Ärzte: i % 2 === 0,
      ärzte: i % 3 === 0,
    },
  }));
  const accounts = Array.from({ length: 6 }, (_, i) => ({
    id: `A${i}`,
    name: `Account ${i}`,
    industry: i % 2 === 0 ? "Software" : "Retail",
    attributes: { Industry: i % 3 === 0 ? "Software" : "Other" },
  }));
  const links = persons.map((p, i) => ({ accountId: `A${i % 6}`, personId: p.id }));
  const events = persons.flatMap((p, i) => [
    { id: `E${i}a`, type: "web_visit", occurredAt: daysAgo(i + 1), personId: p.id, properties: { Type: i % 2 === 0 ? "form_fill" : "web_visit" } },
    { id: `E${i}b`, type: "form_fill", occurredAt: daysAgo(i + 2), personId: p.id, properties: { Type: "web_visit" } },
  ]);
  return buildSnapshot({ accounts, persons, links, events }, { asOf: NOW });
}

const person = (id: string, condition: Condition): Audience => ({ id, name: id, version: 1, type: "person", condition });
const account = (id: string, condition: Condition): Audience => ({ id, name: id, version: 1, type: "account", condition });
const eq = (field: string, value: string | number | boolean): Condition => ({ kind: "attribute", field, op: "eq", value });

const AUDIENCES: Audience[] = [
  person("salesforce-company", eq("Company", "Acme (Salesforce)")),
  person("marketo-company", eq("company", "Acme (Marketo)")),
  person("both-companies", { kind: "and", conditions: [eq("Company", "Acme (Salesforce)"), eq("company", "Initech (Marketo)")] }),
  person("legacy-id", eq("ID", "legacy-1")),
  person("long-a", eq(LONG_A, 1)),
  person("long-b", eq(LONG_B, 1)),
  person("unicode-upper", eq("Ärzte", true)),
  person("unicode-lower", eq("ärzte", true)),
  person("event-type-and-property", {
    kind: "event",
    types: ["web_visit"],
    where: eq("Type", "form_fill"),
    window: { last: { amount: 30, unit: "days" } },
    count: { op: "gte", value: 1 },
  }),
  account("standard-industry", eq("industry", "Software")),
  account("custom-industry", eq("Industry", "Software")),
  account("people-at-marketo-acme", { kind: "related", relation: "people", quantifier: "some", where: eq("company", "Acme (Marketo)") }),
];

describe("column names of fields", () => {
  it("are unique under case folding, at most 63 UTF-8 bytes, and leave ordinary names unchanged", () => {
    const names = fieldColumnNames(snapshotLayout(caseSnapshot()).persons);
    expect(names.get("email")).toBe("email");
    // code-unit order: "Company" < "company", so the Salesforce name keeps its column
    expect(names.get("Company")).toBe("Company");
    expect(names.get("company")).toBe("company_2");
    expect(names.get("ID")).toBe("ID_2");
    expect(names.get(LONG_A)).toBe(LONG_A.slice(0, 63));
    expect(names.get(LONG_B)).toBe(`${LONG_B.slice(0, 61)}_2`);
    expect(names.get("Ärzte")).toBe("Ärzte");
    expect(names.get("ärzte")).toBe("ärzte_2");
    const accounts = fieldColumnNames(snapshotLayout(caseSnapshot()).accounts);
    expect([accounts.get("Industry"), accounts.get("industry"), accounts.get("name")]).toEqual(["Industry", "industry_2", "name"]);
    const columns = [...names.values()];
    expect(new Set(columns.map((c) => c.toLowerCase())).size).toBe(columns.length);
    expect(columns.every((c) => bytes(c) <= MAX_COLUMN_NAME_BYTES)).toBe(true);
  });

  it("the DDL and the table columns use them, and say which field each column holds", () => {
    const layout = snapshotLayout(caseSnapshot());
    const persons = layoutTables(layout).find((t) => t.name === "persons")!;
    expect(persons.columns.find((c) => c.field === "company")!.name).toBe("company_2");
    expect(persons.columns.find((c) => c.name === "id")!.field).toBeUndefined();
    expect(layoutDdl(layout, "postgres")[1]).toContain('"company_2" TEXT');
    expect(layoutDdl(layout, "bigquery")[1]).toContain("`company_2` STRING");
  });

  it("are a deterministic function of the set of names (property): any order, unique folded, within the limit, ordinary names kept", () => {
    const name = fc.oneof(
      fc.constantFrom("Company", "company", "COMPANY", "Id", "ID", "_ROW", "_Row", "type", "Type", "occurredAt", "company_2", "Company_2", "ß", "ẞ", "é", "É"),
      fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/[\u0000-\u001f]/.test(s)),
      fc.string({ minLength: 60, maxLength: 90 }).filter((s) => !/[\u0000-\u001f]/.test(s)),
      fc.string({ unit: "grapheme", minLength: 20, maxLength: 40 }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { maxLength: 25 }).filter((a) => a.every((n) => !RESERVED_COLUMNS.has(n))),
        fc.context(),
        (fields, ctx) => {
          const forward = fieldColumnNames(Object.fromEntries(fields.map((f) => [f, "string" as const])));
          const backward = fieldColumnNames(Object.fromEntries([...fields].reverse().map((f) => [f, "string" as const])));
          ctx.log(JSON.stringify([...forward]));
          expect([...backward].sort()).toEqual([...forward].sort());
          const columns = fields.map((f) => forward.get(f)!);
          const folded = new Set([...columns.map((c) => c.toLowerCase()), ...[...RESERVED_COLUMNS]]);
          expect(folded.size).toBe(columns.length + RESERVED_COLUMNS.size);
          for (const c of columns) expect(bytes(c)).toBeLessThanOrEqual(MAX_COLUMN_NAME_BYTES);
          // a name that is short enough and alone in its case-folded group (reserved names included) keeps itself
          for (const f of fields) {
            const alone =
              bytes(f) <= MAX_COLUMN_NAME_BYTES &&
              !RESERVED_COLUMNS.has(f.toLowerCase()) &&
              fields.filter((g) => g.toLowerCase() === f.toLowerCase()).length === 1;
            if (alone) expect(forward.get(f)).toBe(f);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("related table names", () => {
  const related = { keyedBy: "account" as const, ownerKind: "account" as const, fields: { key: "string" as const } };
  const base = snapshotLayout(caseSnapshot());

  it("that differ only in case, or whose SQL names would pass 63 bytes, are refused with INVALID_LAYOUT naming each", () => {
    const long = "a".repeat(49);
    const error = (() => {
      try {
        layoutTables({ ...base, related: { Intent: related, intent: related, [long]: related, [long.slice(1)]: related } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AbmKitError);
    expect(error).toMatchObject({ code: "INVALID_LAYOUT" });
    expect((error as AbmKitError).problems.map((p) => p.path)).toEqual([
      ["related", "intent"],
      ["related", long],
    ]);
    // 48 characters fit: related_<48>_owners is 63 bytes
    expect(layoutTables({ ...base, related: { [long.slice(1)]: related } }).map((t) => t.name)).toContain(`related_${long.slice(1)}_owners`);
  });
});

describe("snapshots whose field names differ only in case, or are long, in real engines", () => {
  const snapshot = caseSnapshot();
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

  it("the fixture makes each audience meaningful", () => {
    for (const audience of AUDIENCES) {
      const size = evaluate(audience, snapshot, { now: NOW }).size;
      const total = audience.type === "account" ? snapshot.accounts.size : snapshot.persons.size;
      expect(size, audience.id).toBeGreaterThan(0);
      expect(size, audience.id).toBeLessThan(total);
    }
  });

  for (const audience of AUDIENCES) {
    it(`${audience.id}: DuckDB and PostgreSQL return the in-memory members`, async () => {
      const expected = evaluate(audience, snapshot, { now: NOW }).memberIds;
      for (const [dialect, engine] of [
        ["duckdb", duck],
        ["postgres", postgres],
      ] as const) {
        const compiled = compileAudienceSql(audience, { dialect, now: NOW, snapshot });
        expect(await engine.ids(compiled), dialect).toEqual(expected);
      }
    });
  }

  it("compositions: an attribute split on company and a rank by a long-named field return the in-memory members", async () => {
    const composition: Composition = {
      id: "by-marketo-company",
      name: "By Marketo company",
      version: 1,
      type: "person",
      members: {
        kind: "rank",
        input: { kind: "definition", audience: person("everyone", { kind: "attribute", field: "email", op: "exists" }) },
        by: { kind: "field", field: LONG_B },
        limit: 8,
      },
      split: { by: "attribute", field: "company", branches: [{ id: "acme", values: ["Acme (Marketo)"] }], otherwise: { id: "rest" } },
    };
    const expected = evaluateComposition(composition, snapshot, { now: NOW });
    expect(expected.map((r) => r.size).every((n) => n > 0)).toBe(true);
    for (const [dialect, engine] of [
      ["duckdb", duck],
      ["postgres", postgres],
    ] as const) {
      const compiled = compileCompositionSql(composition, { dialect, now: NOW, snapshot });
      for (const [k, output] of compiled.outputs.entries()) expect(await engine.ids(output as never), dialect).toEqual(expected[k]!.memberIds);
    }
  });

  it("each column holds its own field's values", async () => {
    const rows = await duck.query(`SELECT id, "Company", "company_2" FROM persons ORDER BY id LIMIT 2`);
    expect(rows).toEqual([
      { id: "P00", Company: "Acme (Salesforce)", company_2: "Acme (Marketo)" },
      { id: "P01", Company: "Globex (Salesforce)", company_2: "Initech (Marketo)" },
    ]);
  });
});

describe("database errors while writing become typed errors", () => {
  const snapshot = caseSnapshot();

  it("DuckDB: SNAPSHOT_WRITE_FAILED naming the statement, with the database error as its cause", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      await connection.run("CREATE TABLE persons (x INTEGER)");
      const error = await writeSnapshotToDuckDB(connection, snapshot).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbmKitError);
      expect(error).toMatchObject({ code: "SNAPSHOT_WRITE_FAILED", problems: [expect.objectContaining({ path: ["persons"] })] });
      expect((error as Error).message).toContain("persons");
      expect((error as Error).cause).toBeInstanceOf(Error);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it("PostgreSQL: SNAPSHOT_WRITE_FAILED with the SQLSTATE, and the transaction rolled back", async () => {
    const settings = inject("postgres");
    const client = new pg.Client({ host: settings.host, port: settings.port, user: settings.user, database: settings.database });
    await client.connect();
    const schema = `w_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(`SET search_path TO ${schema}`);
      await client.query("CREATE TABLE campaigns (x INTEGER)");
      const error = await writeSnapshotToPostgres(client, snapshot).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbmKitError);
      expect(error).toMatchObject({ code: "SNAPSHOT_WRITE_FAILED", problems: [expect.objectContaining({ path: ["campaigns"], code: "42P07" })] });
      // tables created before the failure were rolled back
      const tables = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [schema]);
      expect(tables.rows.map((r) => r.table_name)).toEqual(["campaigns"]);
    } finally {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    }
  });
});
