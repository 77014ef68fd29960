import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { JsonFileStateStore } from "@abm-kit/destinations";
import { startFakeLinkedIn, type FakeLinkedInServer } from "@abm-kit/destination-linkedin/testing";
import { crashRun } from "./fixtures/crash-run.js";
import { FAKE_NOW } from "./helpers/fixture.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const CHILD = fileURLToPath(new URL("./fixtures/activate-child.ts", import.meta.url));
const SIZE = 60;
const BATCH = 10;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function startChild(input: object): {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    cwd: ROOT,
    env: { ...process.env, LINKEDIN_CHILD_INPUT: JSON.stringify(input) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += String(d)));
  child.stderr!.on("data", (d) => (stderr += String(d)));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** What the fake holds: segment name → member keys. */
function holdings(linkedin: FakeLinkedInServer): Record<string, string[]> {
  return Object.fromEntries(linkedin.fake.segments().map((s) => [s.name, linkedin.fake.members(s.id).map((m) => m.key)]));
}

async function fresh(): Promise<{ linkedin: FakeLinkedInServer; stateDirectory: string }> {
  return { linkedin: await startFakeLinkedIn({ now: FAKE_NOW, propagationDelayMs: 0 }), stateDirectory: await mkdtemp(join(tmpdir(), "abm-linkedin-crash-")) };
}

const settingsOf = (l: FakeLinkedInServer) => ({ ...l.settings(), segmentReadyDelayMs: 0 });

describe("a LinkedIn run killed with SIGKILL resumes from its checkpoint", () => {
  // Reference: the same run, uninterrupted.
  let expected: Record<string, string[]> = {};
  let reference: Awaited<ReturnType<typeof fresh>>;
  beforeAll(async () => {
    reference = await fresh();
    const whole = await crashRun({ settings: settingsOf(reference.linkedin), stateDirectory: reference.stateDirectory, size: SIZE, batch: BATCH });
    expect([whole.status, whole.totals.exported]).toEqual(["completed", 2 * SIZE]);
    expected = holdings(reference.linkedin);
    expect(Object.values(expected).map((keys) => keys.length)).toEqual([SIZE, SIZE]);
  });
  afterAll(async () => {
    await reference.linkedin.close();
    await rm(reference.stateDirectory, { recursive: true, force: true });
  });

  for (const crashAt of [3, 9]) {
    it(`ends with the same segments and members as an uninterrupted run (killed at member request ${crashAt}, after LinkedIn applied it)`, async () => {
      // The same run, killed while LinkedIn answers its crashAt-th member request.
      let child: ChildProcess | undefined;
      let seen = 0;
      let killedAt: Record<string, string[]> | undefined;
      const linkedin = await startFakeLinkedIn({
        now: FAKE_NOW,
        propagationDelayMs: 0,
        onRequest: async (r) => {
          if ((r.kind === "companies" || r.kind === "users") && ++seen === crashAt && child !== undefined) {
            killedAt = holdings(linkedin);
            const exited = new Promise((resolve) => child!.once("exit", resolve));
            child.kill("SIGKILL");
            await exited;
          }
        },
      });
      const stateDirectory = await mkdtemp(join(tmpdir(), "abm-linkedin-crash-"));
      cleanups.push(
        () => linkedin.close(),
        () => rm(stateDirectory, { recursive: true, force: true }),
      );
      const crashing = startChild({ settings: settingsOf(linkedin), stateDirectory, size: SIZE, batch: BATCH });
      child = crashing.child;
      const crashed = await crashing.done;
      expect(crashed.signal).toBe("SIGKILL");
      // LinkedIn holds the batches sent so far (the last one applied but never answered), not the whole audience.
      const heldWhenKilled = Object.values(killedAt!).flat().length;
      expect(heldWhenKilled).toBe(crashAt * BATCH);
      const saved = await new JsonFileStateStore(stateDirectory).load("crash-test/linkedin");
      const savedMembers = Object.values(saved!.audiences).reduce((n, a) => n + Object.keys(a.members).length, 0);
      expect(savedMembers).toBe((crashAt - 1) * BATCH);

      const resumed = await startChild({ settings: settingsOf(linkedin), stateDirectory, size: SIZE, batch: BATCH }).done;
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toEqual({ status: "completed", exported: 2 * SIZE - (crashAt - 1) * BATCH, failed: 0 });
      expect(holdings(linkedin)).toEqual(expected);
      expect(linkedin.fake.segments()).toHaveLength(2);
      // Only the batch in flight at the kill was sent twice, as the same request.
      const memberRequests = linkedin.fake.requests.filter((r) => r.kind === "companies" || r.kind === "users");
      expect(memberRequests.length).toBe(2 * (SIZE / BATCH) + 1);
      expect(memberRequests.filter((r) => r.replay)).toHaveLength(1);
      expect(linkedin.fake.redundantAdds).toBe(0);
    }, 120_000);
  }
});
