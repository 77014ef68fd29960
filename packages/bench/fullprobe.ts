import { SyntheticDataset } from "./src/dataset.js";
import { buildSnapshotWithIdentity } from "./src/identity-build.js";
const d = new SyntheticDataset(Number(process.argv[2] ?? 1));
const t = performance.now();
const { snapshot } = buildSnapshotWithIdentity(d);
(globalThis as any).gc?.();
const m = process.memoryUsage();
console.log("identity build ms", Math.round(performance.now() - t), "rss", Math.round(m.rss / 1e6), "heap", Math.round(m.heapUsed / 1e6), "ab", Math.round(m.arrayBuffers / 1e6), snapshot.summary());
