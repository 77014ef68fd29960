import { defineConfig } from "vitest/config";

// Global options; the projects are listed in vitest.workspace.ts.
export default defineConfig({
  test: {
    reporters: ["default", "./scripts/closing-line-reporter.ts"],
  },
});
