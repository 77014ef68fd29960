import { appendFileSync, writeFileSync } from "node:fs";
import type { DuckDBRunner } from "@abm-kit/warehouse";

/**
 * A {@link DuckDBRunner} that runs each statement on `connection` and appends
 * one line to `path` when it ends: milliseconds, the process's peak RSS so far
 * and its RSS now (MiB), V8's heap now (used / committed, MiB), `ok` or `failed`, what DuckDB's buffer manager holds by tag
 * (`duckdb_memory()`, in memory / spilled, tags over 10 MB), and the statement's first 160 characters — so a run that fails or is
 * stopped still shows how far it got and where the memory went.
 */
export function loggingRunner(connection: DuckDBRunner, path: string): DuckDBRunner {
  writeFileSync(path, "ms\tpeak RSS MiB\tRSS MiB\tV8 heap MiB (used/committed)\toutcome\tDuckDB memory MB (memory/temporary by tag)\tstatement\n");
  const logged =
    <T>(run: (sql: string) => Promise<T>) =>
    async (sql: string): Promise<T> => {
      const started = performance.now();
      let outcome = "failed";
      try {
        const result = await run(sql);
        outcome = "ok";
        return result;
      } finally {
        const ms = Math.round(performance.now() - started);
        const peakMB = Math.round(process.resourceUsage().maxRSS / 1024);
        const now = process.memoryUsage();
        const mb = (bytes: number) => Math.round(bytes / 2 ** 20); // MiB, as the peak (maxRSS / 1024)
        const held = await heldMemory(connection);
        appendFileSync(
          path,
          `${ms}\t${peakMB}\t${mb(now.rss)}\t${mb(now.heapUsed)}/${mb(now.heapTotal)}\t${outcome}\t${held}\t${sql.replace(/\s+/g, " ").slice(0, 160)}\n`,
        );
      }
    };
  return { run: logged((sql) => connection.run(sql)), runAndReadAll: logged((sql) => connection.runAndReadAll(sql)) };
}

/** DuckDB's memory by tag, `TAG:memory/temporary` in MB, for the tags over 10 MB. */
async function heldMemory(connection: DuckDBRunner): Promise<string> {
  try {
    const rows = (
      await connection.runAndReadAll(
        "SELECT tag, round(memory_usage_bytes / 1e6) AS memory, round(temporary_storage_bytes / 1e6) AS spilled FROM duckdb_memory() WHERE memory_usage_bytes > 1e7 OR temporary_storage_bytes > 1e7",
      )
    ).getRowObjectsJson() as { tag: string; memory: number; spilled: number }[];
    return rows.map((r) => `${r.tag}:${r.memory}/${r.spilled}`).join(" ");
  } catch {
    return "?";
  }
}
