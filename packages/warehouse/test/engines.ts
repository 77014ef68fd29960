import { DuckDBInstance } from "@duckdb/node-api";
import pg from "pg";
import { inject } from "vitest";
import type { Snapshot } from "@abm-kit/core";
import { writeSnapshotToDuckDB, writeSnapshotToPostgres } from "@abm-kit/audience-sql";
import { stageCsvInDuckDB, stageCsvInPostgres, type StageCsvOptions, type StagedFile, type WarehouseTarget } from "../src/index.js";

/** A fresh database of one engine: stage files, run queries. */
export interface TestEngine {
  readonly name: "duckdb" | "postgres";
  stage(options: StageCsvOptions): Promise<StagedFile>;
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** A query with bound parameters (a compiled audience). */
  queryWith(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** The engine as `loadExportsIntoWarehouse` takes it. */
  readonly target: WarehouseTarget;
  /** Writes a Snapshot into the layout's tables with the in-memory path's writer. */
  writeSnapshot(snapshot: Snapshot): Promise<unknown>;
  close(): Promise<void>;
}

export async function duckdb(): Promise<TestEngine> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  return {
    name: "duckdb",
    stage: (options) => stageCsvInDuckDB(connection, options),
    query: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[],
    queryWith: async (sql, params) => (await connection.runAndReadAll(sql, params as never)).getRowObjectsJson() as Record<string, unknown>[],
    target: { dialect: "duckdb", connection },
    writeSnapshot: (snapshot) => writeSnapshotToDuckDB(connection, snapshot),
    close: async () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

let schemas = 0;

export async function postgres(): Promise<TestEngine> {
  const settings = inject("postgres");
  const client = new pg.Client({ host: settings.host, port: settings.port, user: settings.user, database: settings.database });
  await client.connect();
  const schema = `wh_${process.pid}_${schemas++}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  return {
    name: "postgres",
    stage: (options) => stageCsvInPostgres(client, options),
    query: async (sql) => (await client.query(sql)).rows,
    queryWith: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
    target: { dialect: "postgres", client },
    writeSnapshot: (snapshot) => writeSnapshotToPostgres(client, snapshot),
    close: async () => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

export const ENGINES = [
  ["duckdb", duckdb],
  ["postgres", postgres],
] as const;
