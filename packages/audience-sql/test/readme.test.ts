import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { buildSnapshot } from "@abm-kit/core";
import { compileAudienceSql, writeSnapshotToDuckDB } from "../src/index.js";

describe("README usage", () => {
  it("the example runs as written and prints A1", async () => {
    const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8");
    const example = /## Usage\n\n```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    const body = example
      .replace(/^import .*\n/gm, "")
      .replace('console.log(reader.getRowObjectsJson()); // [ { id: "A1" } ]', "return reader.getRowObjectsJson();");
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;
    const run = new AsyncFunction("DuckDBInstance", "buildSnapshot", "compileAudienceSql", "writeSnapshotToDuckDB", body);
    expect(await run(DuckDBInstance, buildSnapshot, compileAudienceSql, writeSnapshotToDuckDB)).toEqual([{ id: "A1" }]);
  });
});
