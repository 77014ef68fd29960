import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  activate,
  defineDestination,
  localFolderDestination,
  MemoryStateStore,
  RetryableError,
  type LocalFolderSettings,
  type StagedExport,
} from "@abm-kit/destinations";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";

const snapshot = b2bSnapshot(30, 1);

/** The local-folder destination with a `prepare` that records what it saw (and fails the first `failures` calls). */
function preparingFolder(failures: number) {
  const log: string[] = [];
  const prepared: StagedExport[] = [];
  let calls = 0;
  const destination = defineDestination<LocalFolderSettings>({
    ...localFolderDestination,
    retry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
    file: {
      ...localFolderDestination.file!,
      prepare: async (_ctx, staged) => {
        calls++;
        if (calls <= failures) throw new RetryableError("FLAKY", "not yet");
        log.push(`prepare ${staged.audience.audienceId}`);
        prepared.push(staged);
      },
      deliver: async (ctx, file) => {
        log.push(`deliver ${file.name}`);
        await localFolderDestination.file!.deliver(ctx, file);
      },
    },
  });
  return { destination, log, prepared, calls: () => calls };
}

const plan = (path: string) => ({
  id: "prepare-test",
  destination: { id: "local-folder", settings: { path, maxRowsPerFile: 4, fileNameTemplate: "%AUDIENCE_ID%" } },
  audiences: [{ audienceId: "tier-1" }, { audienceId: "tier-2" }],
  mapping: { account: [{ source: "account.name", target: "name" }] },
  mode: "full" as const,
});
const memberships = [
  { audienceId: "tier-1", type: "account" as const, memberIds: ids("a", 0, 10) },
  { audienceId: "tier-2", type: "account" as const, memberIds: ids("a", 10, 13) },
];

describe("file delivery prepare hook", () => {
  it("runs once per audience after staging and before the first file, with every file, manifest last", async () => {
    const { destination, log, prepared } = preparingFolder(0);
    const dir = await mkdtemp(join(tmpdir(), "abm-prepare-"));
    await activate(plan(dir), { destination, snapshot, audiences: memberships, now: NOW, state: new MemoryStateStore() });
    expect(log).toEqual([
      "prepare tier-1",
      "deliver tier-1.csv",
      "deliver tier-1_2.csv",
      "deliver tier-1_3.csv",
      "deliver tier-1.manifest.json",
      "prepare tier-2",
      "deliver tier-2.csv",
      "deliver tier-2.manifest.json",
    ]);
    expect(prepared[0]!.files.map((f) => [f.name, f.kind, f.rows])).toEqual([
      ["tier-1.csv", "data", 4],
      ["tier-1_2.csv", "data", 4],
      ["tier-1_3.csv", "data", 2],
      ["tier-1.manifest.json", "manifest", 0],
    ]);
    expect(prepared[0]!.audience).toEqual({ audienceId: "tier-1", audienceName: "tier-1", type: "account" });
  });

  it("is retried like a delivery, and a dry run does not call it", async () => {
    const flaky = preparingFolder(2);
    const dir = await mkdtemp(join(tmpdir(), "abm-prepare-"));
    const report = await activate(plan(dir), {
      destination: flaky.destination,
      snapshot,
      audiences: memberships,
      now: NOW,
      state: new MemoryStateStore(),
      sleep: async () => {},
    });
    expect(report.status).toBe("completed");
    expect(report.retries).toBe(2);
    expect(flaky.calls()).toBe(4);

    const dry = preparingFolder(0);
    await activate(plan(dir), { destination: dry.destination, snapshot, audiences: memberships, now: NOW, state: new MemoryStateStore(), dryRun: true });
    expect(dry.calls()).toBe(0);
  });
});
