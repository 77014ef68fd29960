/**
 * Sums a `node --trace-gc` log by kind of collection: how many, and the
 * main-thread pause they took in all (`Scavenge`, `Mark-Compact`, …).
 *
 *   node --import tsx packages/bench/src/files/gc-summary.ts <trace-gc log>
 */
import { readFileSync } from "node:fs";

const [file] = process.argv.slice(2);
if (file === undefined) throw new Error("usage: gc-summary.ts <trace-gc log>");
const LINE = /ms: (Scavenge|Minor Mark-Compact|Mark-Compact|Mark-Sweep)\b.*?MB, ([0-9.]+) \/ [0-9.]+ ms/;
const kinds = new Map<string, { count: number; ms: number }>();
for (const line of readFileSync(file, "utf8").split("\n")) {
  const match = LINE.exec(line);
  if (match === null) continue;
  const kind = kinds.get(match[1]!) ?? { count: 0, ms: 0 };
  kind.count++;
  kind.ms += Number(match[2]);
  kinds.set(match[1]!, kind);
}
console.log("| collection | count | main-thread pause (s) |\n|---|---:|---:|");
for (const [kind, { count, ms }] of kinds) console.log(`| ${kind} | ${count.toLocaleString("en-US")} | ${(ms / 1000).toFixed(1)} |`);
