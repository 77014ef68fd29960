import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { warehouseDialect, type WarehouseDialectName } from "../src/index.js";
import { flowSections, goldenText } from "./golden-flow.js";

const goldenFile = (name: string) => fileURLToPath(new URL(`./golden/${name}.sql`, import.meta.url));

describe("golden warehouse SQL", () => {
  for (const name of ["duckdb", "postgres", "snowflake", "bigquery", "spark"] as const satisfies readonly WarehouseDialectName[]) {
    it(`${name}: load, staging and identity SQL is pinned in test/golden/${name}.sql`, async () => {
      const d = warehouseDialect(name);
      const text = goldenText(d, await flowSections(d));
      const file = goldenFile(name);
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, text);
      // a missing golden file fails: write it on purpose with UPDATE_GOLDEN=1 and review it
      expect(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1 to write it`).toBe(true);
      expect(text).toBe(readFileSync(file, "utf8"));
    });
  }
});
