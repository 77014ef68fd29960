import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import pg from "pg";
import { inject } from "vitest";
import type { Snapshot } from "@abm-kit/core";
import { writeSnapshotToDuckDB, writeSnapshotToPostgres } from "@abm-kit/audience-sql";
import { duckdbRowStream, postgresRowStream, type RowStream } from "../src/index.js";

/** A database the SQL member source reads: each `load` writes a Snapshot's tables into a fresh schema and reads from it from then on. */
export interface ActivationDb {
  readonly dialect: "duckdb" | "postgres";
  /** Streams rows (the member source's runner). */
  readonly rows: RowStream;
  load(snapshot: Snapshot): Promise<void>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

let schemas = 0;

/** DuckDB: each load is a new in-memory database (the appender writes to the default schema). */
export async function duckdbDb(): Promise<ActivationDb> {
  const open: { close(): void }[] = [];
  let current: { connection: DuckDBConnection; rows: RowStream } | undefined;
  return {
    dialect: "duckdb",
    rows: (sql, params) => current!.rows(sql, params),
    load: async (snapshot) => {
      const instance = await DuckDBInstance.create(":memory:");
      const connection = await instance.connect();
      open.push({ close: () => (connection.closeSync(), instance.closeSync()) });
      await writeSnapshotToDuckDB(connection, snapshot);
      current = { connection, rows: duckdbRowStream(connection) };
    },
    exec: async (sql) => void (await current!.connection.run(sql)),
    close: async () => {
      for (const db of open) db.close();
    },
  };
}

export async function postgresDb(): Promise<ActivationDb> {
  const settings = inject("postgres");
  const client = new pg.Client({ host: settings.host, port: settings.port, user: settings.user, database: settings.database });
  await client.connect();
  const created: string[] = [];
  return {
    dialect: "postgres",
    rows: postgresRowStream(client, { batchSize: 7 }), // small batches: many FETCHes
    load: async (snapshot) => {
      const schema = `act_${process.pid}_${++schemas}`;
      created.push(schema);
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(`SET search_path TO ${schema}`);
      await writeSnapshotToPostgres(client, snapshot);
    },
    exec: async (sql) => void (await client.query(sql)),
    close: async () => {
      for (const schema of created) await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
