import { packageBuild } from "../../tsup.shared";

// the events worker is an entry of its own: `loadExports` starts it from dist (events-worker.js, or .cjs beside
// the CommonJS build); shims give the CommonJS build an `import.meta.url` to find it by
export default {
  ...packageBuild({ index: "src/index.ts", internal: "src/internal/index.ts", "events-worker": "src/read/worker/events-worker.ts" }),
  shims: true,
};
