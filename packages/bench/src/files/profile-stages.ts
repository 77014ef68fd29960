/**
 * Groups a V8 CPU profile (`node --cpu-prof`) of the files figure by stage:
 * each sample counts for the innermost frame on its stack that belongs to a
 * stage (garbage collection, CSV reading, mapping, zod, the identity graph and
 * event store, unification, building the Snapshot), else "other".
 *
 *   node --import tsx packages/bench/src/files/profile-stages.ts <file.cpuprofile> [--top 25]
 *
 * Prints a Markdown table of the stages' shares and seconds, then the functions
 * with the most self time.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Stages in the order they are tried on one frame; the first that matches names it. */
const STAGES: readonly (readonly [string, (url: string, name: string) => boolean])[] = [
  ["garbage collection", (_u, n) => n === "(garbage collector)"],
  ["zod (records checked in the graph)", (u) => u.includes("/zod/")],
  [
    "CSV splitting and decoding",
    (u) => /sources\/src\/read\/(csv-records|read-csv|utf8-decoder|input-source|stream-mapped-csv)\.ts/.test(u) || u.includes("csv-parse"),
  ],
  [
    "mapping rows (map-rows, values, the exporters' specs)",
    (u) =>
      /sources\/src\/(read\/(map-rows|source-row|object-spec|empty-record|column-names|consent-columns)|values|salesforce|marketo|partner|generic)\//.test(u) ||
      /sources\/src\/read\/(map-rows|source-row|object-spec|empty-record|column-names|consent-columns)\.ts/.test(u),
  ],
  ["unification", (u) => /core\/src\/identity\/(unify|union-find|cluster-index|merge-values|unified-entities)\.ts/.test(u)],
  ["building the Snapshot", (u) => /core\/src\/(snapshot\/|identity\/to-snapshot\.ts)/.test(u)],
  ["identity graph add, event store", (u) => /core\/src\/identity\//.test(u) || /core\/src\/(source-key|values|domain|entity-fields)\.ts/.test(u)],
  ["loadExports (sources, other)", (u) => /sources\/src\//.test(u)],
];

const [file, ...rest] = process.argv.slice(2);
if (file === undefined) throw new Error("usage: profile-stages.ts <file.cpuprofile> [--top N]");
const top = rest[0] === "--top" ? Number(rest[1]) : 25;
const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const stageOf = new Map<number, string>();
const stageOfNode = (id: number): string => {
  const known = stageOf.get(id);
  if (known !== undefined) return known;
  const { url, functionName } = byId.get(id)!.callFrame;
  const own = STAGES.find(([, test]) => test(url, functionName))?.[0];
  const up = parent.get(id);
  const stage = own ?? (up === undefined ? "other" : stageOfNode(up));
  stageOf.set(id, stage);
  return stage;
};

const stageUs = new Map<string, number>();
const selfUs = new Map<string, number>();
let totalUs = 0;
let idleUs = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i + 1] ?? 0;
  const { url, functionName, lineNumber } = byId.get(id)!.callFrame;
  if (functionName === "(idle)") {
    idleUs += us;
    return;
  }
  totalUs += us;
  const stage = stageOfNode(id);
  stageUs.set(stage, (stageUs.get(stage) ?? 0) + us);
  const where = `${functionName || "(anonymous)"} ${url.replace(/^.*\/packages\//, "").replace(/^.*node_modules\//, "")}:${lineNumber + 1}`;
  selfUs.set(where, (selfUs.get(where) ?? 0) + us);
});

const pct = (us: number) => `${((100 * us) / totalUs).toFixed(1)} %`;
console.log(`busy ${(totalUs / 1e6).toFixed(1)} s of the main thread (idle ${(idleUs / 1e6).toFixed(1)} s), ${profile.samples.length} samples\n`);
console.log("| stage | share | s |\n|---|---:|---:|");
for (const [stage, us] of [...stageUs].sort((a, b) => b[1] - a[1])) console.log(`| ${stage} | ${pct(us)} | ${(us / 1e6).toFixed(1)} |`);
console.log(`\n| function (self time) | share | s |\n|---|---:|---:|`);
for (const [where, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`| ${where} | ${pct(us)} | ${(us / 1e6).toFixed(1)} |`);
