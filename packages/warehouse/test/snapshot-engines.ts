import { DuckDBInstance } from "@duckdb/node-api";
import pg from "pg";
import { inject } from "vitest";
import type { Snapshot } from "@abm-kit/core";
import { writeSnapshotToDuckDB, writeSnapshotToPostgres } from "@abm-kit/audience-sql";

/** A fresh database of one engine holding a Snapshot written by `writeSnapshotTo…`. */
export interface SnapshotDatabase {
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

let schemas = 0;

/** Writes `snapshot` into a fresh DuckDB database or PostgreSQL schema. */
export async function writtenSnapshot(engine: "duckdb" | "postgres", snapshot: Snapshot): Promise<SnapshotDatabase> {
  if (engine === "duckdb") {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await writeSnapshotToDuckDB(connection, snapshot);
    return {
      query: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[],
      close: async () => {
        connection.closeSync();
        instance.closeSync();
      },
    };
  }
  const settings = inject("postgres");
  const client = new pg.Client({ host: settings.host, port: settings.port, user: settings.user, database: settings.database });
  await client.connect();
  const schema = `snap_${process.pid}_${schemas++}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  await writeSnapshotToPostgres(client, snapshot);
  return {
    query: async (sql) => (await client.query(sql)).rows,
    close: async () => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** A table's columns (name and type, without `_row`) and its rows as sorted JSON texts (without `_row`). */
export async function tableContents(query: (sql: string) => Promise<Record<string, unknown>[]>, table: string) {
  const columns = await query(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = '${table}' AND table_schema = current_schema() ORDER BY column_name`,
  );
  const rows = await query(`SELECT * FROM "${table}"`);
  const texts = rows.map((row) =>
    JSON.stringify(
      Object.keys(row)
        .filter((k) => k !== "_row")
        .sort()
        .map((k) => [k, row[k] instanceof Date ? (row[k] as Date).toISOString() : row[k]]),
    ),
  );
  return { columns: columns.filter((c) => c.name !== "_row").map((c) => `${String(c.name)} ${String(c.type)}`), rows: texts.sort() };
}
