import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { JsonFileStateStore } from "@abm-kit/destinations";
import { startFakeMarketo, type FakeMarketoServer } from "@abm-kit/destination-marketo/testing";
import { crashRun } from "./fixtures/crash-run.js";
import { RUN_NOW } from "./helpers/fixture.js";

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
    env: { ...process.env, MARKETO_CHILD_INPUT: JSON.stringify(input) },
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

/** What the fake holds: list name → member emails or account names, and the leads. */
function holdings(marketo: FakeMarketoServer): Record<string, string[]> {
  const { fake } = marketo;
  return {
    ...Object.fromEntries(fake.staticLists().map((l) => [`static ${l.name}`, fake.listMemberEmails(l.id)])),
    ...Object.fromEntries(fake.namedAccountLists().map((l) => [`accounts ${l.name}`, fake.accountListMemberNames(l.marketoGUID)])),
    leads: fake
      .leads()
      .map((l) => l.email)
      .sort(),
    namedAccounts: fake.namedAccounts().map((a) => a.name),
  };
}

const settingsOf = (m: FakeMarketoServer) => ({ ...m.settings(), createLeads: true, maxBatchSize: BATCH, maxConcurrency: 1 });
const isMemberRequest = (kind: string) => kind === "addToList" || kind === "addToAccountList";

describe("a Marketo run killed with SIGKILL resumes from its checkpoint", () => {
  // Reference: the same run, uninterrupted.
  let expected: Record<string, string[]> = {};
  let reference: { marketo: FakeMarketoServer; stateDirectory: string };
  beforeAll(async () => {
    reference = { marketo: await startFakeMarketo({ now: RUN_NOW }), stateDirectory: await mkdtemp(join(tmpdir(), "abm-marketo-crash-")) };
    const whole = await crashRun({ settings: settingsOf(reference.marketo), stateDirectory: reference.stateDirectory, size: SIZE });
    expect([whole.status, whole.totals.exported]).toEqual(["completed", 2 * SIZE]);
    expected = holdings(reference.marketo);
    expect(expected.leads).toHaveLength(SIZE);
    expect(Object.entries(expected).map(([k, v]) => [k.split(" ")[0], v.length])).toEqual([
      ["static", SIZE],
      ["accounts", SIZE],
      ["leads", SIZE],
      ["namedAccounts", SIZE],
    ]);
  });
  afterAll(async () => {
    await reference.marketo.close();
    await rm(reference.stateDirectory, { recursive: true, force: true });
  });

  for (const crashAt of [3, 9]) {
    it(`ends with the same lists, members and leads as an uninterrupted run (killed at membership request ${crashAt}, after Marketo applied it)`, async () => {
      let child: ChildProcess | undefined;
      let seen = 0;
      let killedAt: Record<string, string[]> | undefined;
      const marketo = await startFakeMarketo({
        now: RUN_NOW,
        onRequest: async (r) => {
          if (isMemberRequest(r.kind) && ++seen === crashAt && child !== undefined) {
            killedAt = holdings(marketo);
            const exited = new Promise((resolve) => child!.once("exit", resolve));
            child.kill("SIGKILL");
            await exited;
          }
        },
      });
      const stateDirectory = await mkdtemp(join(tmpdir(), "abm-marketo-crash-"));
      cleanups.push(
        () => marketo.close(),
        () => rm(stateDirectory, { recursive: true, force: true }),
      );
      const crashing = startChild({ settings: settingsOf(marketo), stateDirectory, size: SIZE });
      child = crashing.child;
      const crashed = await crashing.done;
      expect(crashed.signal).toBe("SIGKILL");
      // Marketo holds the batches sent so far (the last one applied but never answered), not the whole audiences.
      const listed = Object.entries(killedAt!)
        .filter(([k]) => k.startsWith("static") || k.startsWith("accounts"))
        .flatMap(([, v]) => v).length;
      expect(listed).toBe(crashAt * BATCH);
      const saved = await new JsonFileStateStore(stateDirectory).load("crash-test/marketo");
      const savedMembers = Object.values(saved!.audiences).reduce((n, a) => n + Object.keys(a.members).length, 0);
      expect(savedMembers).toBe((crashAt - 1) * BATCH);

      const resumed = await startChild({ settings: settingsOf(marketo), stateDirectory, size: SIZE }).done;
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toEqual({ status: "completed", exported: 2 * SIZE - (crashAt - 1) * BATCH, failed: 0 });
      expect(holdings(marketo)).toEqual(expected);
      expect(marketo.fake.duplicateLeadsCreated).toBe(0);
      // Only the batch in flight at the kill was sent twice, as the same request.
      const memberRequests = marketo.fake.requests.filter((r) => isMemberRequest(r.kind));
      expect(memberRequests.length).toBe(2 * (SIZE / BATCH) + 1);
      expect(memberRequests.filter((r) => r.replay)).toHaveLength(1);
      expect(marketo.fake.redundantAdds).toBe(0);
    }, 120_000);
  }
});
