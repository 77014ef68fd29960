/**
 * Wall time of each file's load (from `loadExports`' progress events) and of `toSnapshot`, with the activity
 * worker on or off: `node --expose-gc --import tsx packages/bench/src/files/file-times.ts <folder> [workers]`.
 */
import { toSnapshot } from "@abm-kit/core";
import { loadExports } from "@abm-kit/sources";
import { BENCH_NOW } from "../dataset.js";
import { EXPORT_RELATED_TABLES, exportFileList } from "./export-list.js";
const [folder, mode] = process.argv.slice(2);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const starts: Record<string, number> = {};
const spans: string[] = [];
const { graph } = await loadExports(exportFileList(folder!), {
  workers: mode === "workers",
  onProgress: (p) => {
    if (p.phase === "reading" && p.rows === 0 && p.bytes === 0) starts[p.file!] = performance.now();
    if (p.phase === "read") spans.push(`${p.file}=${Math.round(performance.now() - starts[p.file!]!)}`);
  },
});
const t1 = performance.now();
toSnapshot(graph, { asOf: BENCH_NOW, relatedTables: EXPORT_RELATED_TABLES });
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    mode,
    load: Math.round(t1 - t0),
    snapshot: Math.round(t2 - t1),
    cpu: Math.round((cpu.user + cpu.system) / 1000),
    rss: Math.round(process.resourceUsage().maxRSS / 1024),
    spans: spans.join(" "),
  }),
);
