// The worker's entry when the package runs from its TypeScript sources (tests, the bench): tsx compiles the
// worker and resolves `@abm-kit/*` to the sources through the repository's tsconfig paths. The built package
// starts dist/events-worker.js (or .cjs) instead and never loads this file.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../../../../tsconfig.json", import.meta.url)) });
await import("./events-worker.ts");
