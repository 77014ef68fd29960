import { formatSourceKey } from "@abm-kit/core";
import { progressLine } from "./progress-line.js";
import { loadSampleGraph } from "./sample/index.js";

/**
 * The demo's sources section: loads the sample exports and prints, per file,
 * records read / loaded / rejected (with the first problems), persons before and
 * after merging, links per rule, and one profile with its provenance.
 */
export async function runSourcesSection(log: (line: string) => void): Promise<void> {
  const show = progressLine();
  let bytes = 0;
  const started = performance.now();
  const { graph, files } = await loadSampleGraph(undefined, (p) => {
    show(p);
    if (p.phase === "read") bytes += p.bytes;
  });
  log("Sources: sample exports → identity graph");
  log(
    `  read ${files.length} files (${(bytes / 1e3).toFixed(0)} kB, ${files.reduce((n, f) => n + f.read, 0).toLocaleString("en-US")} records) in ${(performance.now() - started).toFixed(0)} ms`,
  );
  for (const f of files) {
    log(`  ${f.kind.padEnd(34)} ${f.file.padEnd(30)} read ${String(f.read).padStart(5)}  loaded ${String(f.loaded).padStart(5)}  rejected ${f.rejected}`);
    for (const p of f.problems.slice(0, 3)) {
      const where = [p.line !== undefined ? `line ${p.line}` : p.record !== undefined ? `record ${p.record}` : undefined, p.field].filter(Boolean).join(", ");
      log(`      ${p.severity}: ${where ? `${where}: ` : ""}${p.message}`);
    }
    if (f.problems.length > 3) log(`      … and ${f.problems.length - 3} more`);
  }
  const report = graph.report;
  log(`  persons: ${report.sourceRecords.persons} source records → ${report.unified.persons} people`);
  log(`  accounts: ${report.sourceRecords.accounts} source records → ${report.unified.accounts} accounts`);
  log(
    `  links per rule: ${Object.entries(report.linksByRule)
      .map(([rule, n]) => `${rule} ${n}`)
      .join(", ")}`,
  );
  for (const v of report.overCapValues) log(`  not merged (shared by ${v.records} records, cap ${v.maxRecordsPerValue}): ${v.namespace} ${v.value}`);
  log(
    `  blocked identity values ignored: ${
      Object.entries(report.blockedValues)
        .map(([ns, n]) => `${ns} ${n}`)
        .join(", ") || "none"
    }`,
  );

  // the person with the most source records shows provenance best
  const persons = graph.entities().persons;
  const profile = [...persons].sort((a, b) => (b.sourceKeys?.length ?? 0) - (a.sourceKeys?.length ?? 0) || (a.id < b.id ? -1 : 1))[0];
  if (!profile) return;
  const why = graph.explainPerson(profile.id)!;
  log(
    `  profile ${profile.id}: ${profile.firstName ?? ""} ${profile.lastName ?? ""}, ${profile.title ?? "no title"}, email consent ${profile.consent?.email ?? "unknown"}`,
  );
  for (const r of why.records)
    log(`    record ${formatSourceKey(r.sourceKey)} (${r.origin?.file ?? "?"}${r.origin?.line !== undefined ? ` line ${r.origin.line}` : ""})`);
  for (const m of why.merges) log(`    merged on ${m.rule} = ${m.value}: ${m.records.map((k) => `${k.system}:${k.object ?? ""}:${k.id}`).join(" + ")}`);
  for (const account of graph
    .entities()
    .links.filter((l) => l.personId === profile.id)
    .map((l) => l.accountId)
    .filter((a, i, all) => all.indexOf(a) === i)) {
    const link = graph.explainLink(profile.id, account)!;
    log(`    linked to ${account} by ${link.evidence.map((e) => `${e.rule}${e.isActive ? "" : " (inactive)"}${e.domain ? ` (${e.domain})` : ""}`).join(", ")}`);
  }
}

// `tsx src/sources-section.ts` prints the section alone
if (process.argv[1]?.endsWith("sources-section.ts")) await runSourcesSection(console.log);
