import { DuckDBInstance } from "@duckdb/node-api";
import pg from "pg";
import { inject } from "vitest";
import type { Snapshot } from "@abm-kit/core";
import { writeSnapshotToDuckDB, writeSnapshotToPostgres, type CompiledSql } from "../src/index.js";

/** A database holding a snapshot's tables, running compiled audiences. */
export interface Engine {
  /** The ids a compiled query returns, in the order returned. */
  ids(compiled: CompiledSql): Promise<string[]>;
  /** Rows of any query. */
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** An in-memory DuckDB with the snapshot written into it. */
export async function duckdbEngine(snapshot: Snapshot): Promise<Engine> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await writeSnapshotToDuckDB(connection, snapshot);
  const query = async (sql: string, params: unknown[] = []) => {
    const reader = await connection.runAndReadAll(sql, params as never);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  };
  return {
    query,
    ids: async (compiled) => (await query(compiled.sql, compiled.params)).map((r) => String(r.id)),
    close: async () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

let schemaCount = 0;

/** A fresh schema in the test cluster's PostgreSQL with the snapshot written into it. */
export async function postgresEngine(snapshot: Snapshot): Promise<Engine> {
  const settings = inject("postgres");
  const client = new pg.Client({ host: settings.host, port: settings.port, user: settings.user, database: settings.database });
  await client.connect();
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}_${++schemaCount}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  await writeSnapshotToPostgres(client, snapshot);
  const query = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as Record<string, unknown>[];
  return {
    query,
    ids: async (compiled) => (await query(compiled.sql, compiled.params)).map((r) => String(r.id)),
    close: async () => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
