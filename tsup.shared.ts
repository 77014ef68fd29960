import { defineConfig } from "tsup";

/**
 * The build of every published package: ESM and CJS with type declarations for
 * each entry (`{ index: "src/index.ts", testing: "src/testing/index.ts" }`).
 */
export function packageBuild(entry: Record<string, string>) {
  return defineConfig({
    entry,
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: true,
    target: "node20",
    tsconfig: "tsconfig.build.json",
  });
}
