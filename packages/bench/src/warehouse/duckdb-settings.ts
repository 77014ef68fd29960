import type { DuckDBConnection } from "@duckdb/node-api";
import { MEMORY_LIMIT } from "./memory-limit.js";

/** DuckDB settings of a warehouse run (DuckDB runs inside the Node.js process: its buffers count in the RSS). */
export interface DuckDBSettings {
  /** `SET memory_limit`, e.g. `300MB` (checked with {@link MEMORY_LIMIT}). */
  readonly memoryLimit?: string;
  /** `SET threads` (a positive integer). */
  readonly threads?: number;
  /** `SET temp_directory`: where DuckDB spills what exceeds its memory limit. */
  readonly tempDirectory?: string;
}

/** Checks the settings before any is put into a statement; throws naming the bad one. */
export function checkDuckDBSettings(settings: DuckDBSettings): DuckDBSettings {
  if (settings.memoryLimit !== undefined && !MEMORY_LIMIT.test(settings.memoryLimit))
    throw new Error(`the DuckDB memory limit takes a size such as 512MB, not ${settings.memoryLimit}`);
  if (settings.threads !== undefined && !(Number.isInteger(settings.threads) && settings.threads > 0))
    throw new Error(`DuckDB threads takes a positive integer, not ${settings.threads}`);
  if (settings.tempDirectory !== undefined && (settings.tempDirectory === "" || settings.tempDirectory.includes("'")))
    throw new Error(`the DuckDB temp directory must be a path without quotes, not ${JSON.stringify(settings.tempDirectory)}`);
  return settings;
}

/** Applies the settings given (the others keep DuckDB's defaults). */
export async function applyDuckDBSettings(connection: DuckDBConnection, settings: DuckDBSettings): Promise<void> {
  checkDuckDBSettings(settings);
  if (settings.memoryLimit !== undefined) await connection.run(`SET memory_limit = '${settings.memoryLimit}'`);
  if (settings.threads !== undefined) await connection.run(`SET threads = ${settings.threads}`);
  if (settings.tempDirectory !== undefined) await connection.run(`SET temp_directory = '${settings.tempDirectory}'`);
}

/** The settings as command-line flags of the warehouse child and the activation probe. */
export function duckDBSettingsArgs(settings: DuckDBSettings): string[] {
  return [
    ...(settings.memoryLimit === undefined ? [] : ["--memory-limit", settings.memoryLimit]),
    ...(settings.threads === undefined ? [] : ["--threads", String(settings.threads)]),
    ...(settings.tempDirectory === undefined ? [] : ["--temp-directory", settings.tempDirectory]),
  ];
}

/** Reads the flags {@link duckDBSettingsArgs} writes. */
export function duckDBSettingsOf(values: { "memory-limit"?: string; threads?: string; "temp-directory"?: string }): DuckDBSettings {
  return checkDuckDBSettings({
    ...(values["memory-limit"] === undefined ? {} : { memoryLimit: values["memory-limit"] }),
    ...(values.threads === undefined ? {} : { threads: Number(values.threads) }),
    ...(values["temp-directory"] === undefined ? {} : { tempDirectory: values["temp-directory"] }),
  });
}

/** The `parseArgs` options of those flags. */
export const DUCKDB_SETTINGS_OPTIONS = {
  "memory-limit": { type: "string" },
  threads: { type: "string" },
  "temp-directory": { type: "string" },
} as const;

/** DuckDB's thresholds past which it flushes its allocator: after a task that allocated more, after a larger bulk free. */
const ALLOCATOR_FLUSH_SETTINGS = ["allocator_flush_threshold", "allocator_bulk_deallocation_flush_threshold"] as const;

/**
 * Makes DuckDB hand what its tasks freed back to the C library after each task
 * (with glibc, a `malloc_trim`): without it the process's RSS ratchets up from
 * statement to statement (docs/warehouse.md, "Memory on DuckDB").
 */
export async function applyAllocatorFlush(connection: DuckDBConnection): Promise<void> {
  for (const name of ALLOCATOR_FLUSH_SETTINGS) await connection.run(`SET ${name} = '1MB'`);
}
