import { appendFileSync, writeFileSync } from "node:fs";
import type { DuckDBRunner } from "@abm-kit/warehouse";

/**
 * A {@link DuckDBRunner} that runs each statement on `connection` and appends
 * one line to `path` when it ends: milliseconds, the process's peak RSS so far
 * (MB), `ok` or `failed`, and the statement's first 160 characters — so a run that fails or is
 * stopped still shows how far it got and where the memory went.
 */
export function loggingRunner(connection: DuckDBRunner, path: string): DuckDBRunner {
  writeFileSync(path, "ms\tpeak RSS MB\toutcome\tstatement\n");
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
        appendFileSync(path, `${ms}\t${peakMB}\t${outcome}\t${sql.replace(/\s+/g, " ").slice(0, 160)}\n`);
      }
    };
  return { run: logged((sql) => connection.run(sql)), runAndReadAll: logged((sql) => connection.runAndReadAll(sql)) };
}
