import { readdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { defineWorkspace } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Workspace packages import each other by their published names. In tests
 * those names resolve to the sources (`@abm-kit/x` → `packages/x/src/index.ts`,
 * `@abm-kit/x/sub` → `packages/x/src/sub/index.ts`), so no build is needed.
 */
const alias = [
  { find: /^@abm-kit\/([^/]+)\/([^/]+)$/, replacement: join(root, "packages/$1/src/$2/index.ts") },
  { find: /^@abm-kit\/([^/]+)$/, replacement: join(root, "packages/$1/src/index.ts") },
];

const projectDirs = [...readdirSync(join(root, "packages")).map((name) => join("packages", name)), "examples"].filter((dir) =>
  existsSync(join(root, dir, "test")),
);

/** A project may start servers it needs (a PostgreSQL cluster, …) in `test/global-setup.ts`. */
const globalSetupOf = (dir: string) => (existsSync(join(root, dir, "test/global-setup.ts")) ? [join(root, dir, "test/global-setup.ts")] : []);

export default defineWorkspace(
  projectDirs.map((dir) => ({
    resolve: { alias },
    test: {
      name: dir.replace(/^packages\//, ""),
      root: join(root, dir),
      include: ["test/**/*.test.ts"],
      globalSetup: globalSetupOf(dir),
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  })),
);
