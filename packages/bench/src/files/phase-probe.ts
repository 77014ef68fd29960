/**
 * Where the files figure's memory goes, phase by phase: `phase-probe.ts <folder>`
 * loads the exports, unifies, builds the Snapshot, and after each phase prints
 * the process's peak resident memory so far and the live heap (before and
 * after a full collection). Run with `node --expose-gc --import tsx`.
 */
import { toSnapshot } from "@abm-kit/core";
import { loadExports } from "@abm-kit/sources";
import { BENCH_NOW } from "../dataset.js";
import { collectGarbage } from "../measure.js";
import { EXPORT_RELATED_TABLES, exportFileList } from "./export-list.js";
const mb = (n: number) => Math.round(n / 1e6);
const at = (label: string) => {
  const max = process.resourceUsage().maxRSS * 1024;
  const m = process.memoryUsage();
  console.log(
    `${label}: peak so far ${mb(max)} MB, rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}, buffers ${mb(m.arrayBuffers)}, cpu ${(process.cpuUsage().user / 1e6).toFixed(1)} s`,
  );
};
const folder = process.argv[2]!;
const { graph } = await loadExports(exportFileList(folder));
at("loadExports");
collectGarbage();
at("loadExports, collected");
graph.entities();
at("unified");
collectGarbage();
at("unified, collected");
const snapshot = toSnapshot(graph, { asOf: BENCH_NOW, relatedTables: EXPORT_RELATED_TABLES });
at("toSnapshot");
collectGarbage();
at("toSnapshot, collected");
console.log(snapshot.personEvents.size);
