import { fileURLToPath } from "node:url";
import { IdentityGraph } from "@abm-kit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadExports, marketoSpec, type ExportFile, type LoadProgress } from "../src/index.js";
import { createFileReport } from "../src/read/file-report.js";
import { streamMappedCsv } from "../src/read/stream-mapped-csv.js";
import { startEventsWorkerRead } from "../src/read/worker/read-events-in-worker.js";
import { tempFiles } from "./support/temp-files.js";

const files = tempFiles();
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

const quote = (v: string) => (/[",\r\n]/.test(v) || v.startsWith(" ") ? `"${v.replace(/"/g, '""')}"` : v);
const cell = (values: readonly string[]) =>
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
const HEADER = ["marketoGUID", "leadId", "activityDate", "activityTypeId", "campaignId", "primaryAttributeValueId", "primaryAttributeValue", "attributes"];
const row = fc
  .tuple(
    cell(["1", "2", "3", "4", "5", "6", "7", "8", "9", ""]), // repeated ids: rejected within a file, copies across files
    cell(["1001", "1002", "1003", "77"]),
    cell(["2026-11-10T14:00:00.000Z", "2026-11-10T14:00:00Z", "2026-03-01 09:30+01:00", "0999-01-01T00:00:00.000Z", "2026-02-30T00:00:00Z"]),
    cell(["1", "2", "10", "999", "x"]),
    cell(["", "301"]),
    cell(["", "55"]),
    cell(["", "/pricing", "Demo Request"]),
    cell([
      "",
      '{"Webpage URL":"/a","Score":-0}',
      '[{"name":"Form Fields","value":{"a":1}}]',
      "not json",
      '{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":{"k":{"l":1}}}}}}}}}}}}',
    ]),
    fc.constantFrom("", "EMEA", "7"),
  )
  .map((cells) => cells.map(quote).join(","));
/** A Marketo activity file: the standard columns (sometimes a custom one), rows mostly right, some wrong, a few lines that are not CSV. */
const activityFile = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.oneof({ weight: 9, arbitrary: row }, { weight: 1, arbitrary: fc.constantFrom('x, "abc",y', "only", '"never closed') }), { maxLength: 30 }),
  )
  .map(([custom, lines]) => {
    const header = custom ? [...HEADER, "Region"] : HEADER;
    const body = lines.map((line) => (custom ? line : line.slice(0, line.lastIndexOf(","))));
    return `${[header.join(","), ...body].join("\n")}\n`;
  });

/** A load's whole outcome: reports, progress, what the graph holds and gives. */
async function load(list: readonly ExportFile[], workers: boolean) {
  const progress: LoadProgress[] = [];
  const { graph, reports } = await loadExports(list, { workers, onProgress: (p) => progress.push(p) });
  const store = (graph as unknown as { state: { events: { size: number; record(row: number): unknown; copies: Map<string, unknown[]> } } }).state.events;
  return {
    reports,
    progress,
    rows: Array.from({ length: store.size }, (_, r) => store.record(r)),
    copies: JSON.stringify([...store.copies]),
    entities: graph.entities(),
    identity: graph.report,
  };
}

describe("Marketo activity files read in a worker thread", () => {
  it("give the same reports, progress, graph rows and entities as reading them in this thread (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(activityFile, { minLength: 1, maxLength: 2 }), async (texts) => {
        const list: ExportFile[] = [
          { source: "marketo", export: "leads", path: fixture("marketo/leads.csv") },
          ...texts.map((text, i): ExportFile => ({ source: "marketo", export: "activities", path: files.write(`activities-${i}.csv`, text) })),
        ];
        expect(await load(list, true)).toEqual(await load(list, false));
      }),
      { numRuns: 20 },
    );
  });

  it("gives the same chunks and report as the in-thread stream, a few records at a time", async () => {
    await fc.assert(
      fc.asyncProperty(activityFile, fc.integer({ min: 1, max: 7 }), async (text, chunkRows) => {
        const path = files.write("activities.csv", text);
        const inThread = new IdentityGraph();
        const expected = createFileReport("activities.csv", "marketo:activities");
        const expectedProgress: unknown[] = [];
        await streamMappedCsv({ path }, marketoSpec("activities"), expected, {}, (batch) => inThread.add(batch), {
          chunkRows,
          onProgress: (p) => expectedProgress.push(p),
        });
        const viaWorker = new IdentityGraph();
        const report = createFileReport("activities.csv", "marketo:activities");
        const progress: unknown[] = [];
        await startEventsWorkerRead(path, "activities.csv", {}, undefined, chunkRows).finish(viaWorker, report, { onProgress: (p) => progress.push(p) });
        expect(report).toEqual(expected);
        expect(progress).toEqual(expectedProgress);
        expect(viaWorker.entities()).toEqual(inThread.entities());
      }),
      { numRuns: 10 },
    );
  });

  it("reports a file that cannot be read as the in-thread read does", async () => {
    const list: ExportFile[] = [{ source: "marketo", export: "activities", path: fixture("marketo/no-such-file.csv") }];
    const viaWorker = await load(list, true);
    expect(viaWorker).toEqual(await load(list, false));
    expect(viaWorker.reports[0]!.problems.map((p) => p.code)).toEqual(["unreadable"]);
  });

  it.each([true, false])("stops on abort (workers: %s): the load rejects with the signal's reason, adds no chunk after it", async (workers) => {
    const text = `${HEADER.join(",")}\n${Array.from({ length: 30_000 }, (_, i) => `${i + 1},1001,2026-11-10T14:00:00.000Z,1,,,/p,`).join("\n")}\n`;
    const path = files.write("activities.csv", text);
    const controller = new AbortController();
    const reason = new Error("stop here");
    const seen: LoadProgress[] = [];
    const graph = new IdentityGraph();
    const loading = loadExports([{ source: "marketo", export: "activities", path }], {
      graph,
      workers,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.phase === "reading" && p.rows > 0) controller.abort(reason);
      },
    });
    await expect(loading).rejects.toBe(reason);
    const read = seen.filter((p) => p.rows > 0);
    expect(read).toHaveLength(1);
    expect(read[0]!.rows).toBeGreaterThanOrEqual(10_000); // a chunk is 10,000 records or a little more (whole blocks of the file)
    // the first chunk is in the graph, nothing after it (its owner is no known person: each event is reported unresolved)
    expect(graph.report.problems.filter((p) => p.code === "unresolved_reference")).toHaveLength(read[0]!.rows);
  });

  it("ends the worker on abort, even while it waits for the graph to take its chunks", async () => {
    const path = files.write(
      "activities.csv",
      `${HEADER.join(",")}\n${Array.from({ length: 150_000 }, (_, i) => `${i + 1},1001,2026-11-10T14:00:00.000Z,1,,,/p,`).join("\n")}\n`,
    );
    const controller = new AbortController();
    const read = startEventsWorkerRead(path, "activities.csv", {}, undefined, 1);
    // a chunk ends with each block the file is read in (64 KiB): about 100 chunks of 6.6 MB, more than the
    // worker may post ahead, so it waits for them to be taken and cannot end by itself (exit code 0)
    const finishing = read.finish(new IdentityGraph(), createFileReport("activities.csv", "marketo:activities"), {
      signal: controller.signal,
      onProgress: () => controller.abort(new Error("enough")),
    });
    await expect(finishing).rejects.toThrow("enough");
    await expect(read.exited).resolves.toBe(1);
  });
});
