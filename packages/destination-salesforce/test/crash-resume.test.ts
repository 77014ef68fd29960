import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { JsonFileStateStore } from "@abm-kit/destinations";
import { startFakeSalesforce, type FakeSalesforceServer } from "@abm-kit/destination-salesforce/testing";
import { crashRun } from "./fixtures/crash-run.js";
import { orgRecords } from "./helpers/fixture.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const CHILD = fileURLToPath(new URL("./fixtures/activate-child.ts", import.meta.url));
const SIZE = 60;
const BATCH = 10;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function startChild(input: object) {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    cwd: ROOT,
    env: { ...process.env, SALESFORCE_CHILD_INPUT: JSON.stringify(input) },
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

/** What the org holds: campaign name → member record ids, and the accounts carrying "Tier 1". */
function holdings(sf: FakeSalesforceServer) {
  return {
    campaigns: Object.fromEntries(sf.fake.campaigns().map((c) => [c.name, sf.fake.campaignMembers(c.id)])),
    tier1: sf.fake.withMembership("Account", "ABM_Audiences__c", "Tier 1"),
  };
}

describe("a Salesforce run killed with SIGKILL resumes from its checkpoint", () => {
  for (const [path, memberKind, crashAt] of [
    ["collections", "collections", 3],
    ["collections", "collections", 9],
    ["bulk", "bulk-close", 4],
  ] as const) {
    it(`ends with the same campaign and field as an uninterrupted run (${path} path, killed at member request ${crashAt}, after Salesforce applied it)`, async () => {
      const settingsOf = (sf: FakeSalesforceServer) => ({ ...sf.settings(), bulkThreshold: path === "bulk" ? 0 : 2000 });
      // reference: the same run, uninterrupted
      const reference = await startFakeSalesforce({ ...orgRecords(SIZE), bulkPolls: 1 });
      const referenceState = await mkdtemp(join(tmpdir(), "abm-salesforce-crash-"));
      cleanups.push(
        () => reference.close(),
        () => rm(referenceState, { recursive: true, force: true }),
      );
      const whole = await crashRun({ settings: settingsOf(reference), stateDirectory: referenceState, size: SIZE, batch: BATCH });
      expect([whole.status, whole.totals.exported]).toEqual(["completed", 2 * SIZE]);
      const expected = holdings(reference);
      expect([Object.values(expected.campaigns)[0]!.length, expected.tier1.length]).toEqual([SIZE, SIZE]);

      let child: ChildProcess | undefined;
      let seen = 0;
      const sf: FakeSalesforceServer = await startFakeSalesforce({
        ...orgRecords(SIZE),
        bulkPolls: 1,
        onRequest: async (r) => {
          const kind = r.path.endsWith("/composite/sobjects") ? "collections" : /\/jobs\/ingest\/\w+$/.test(r.path) && r.method === "PATCH" ? "bulk-close" : "";
          if (kind === memberKind && ++seen === crashAt && child !== undefined) {
            const exited = new Promise((resolve) => child!.once("exit", resolve));
            child.kill("SIGKILL");
            await exited;
          }
        },
      });
      const stateDirectory = await mkdtemp(join(tmpdir(), "abm-salesforce-crash-"));
      cleanups.push(
        () => sf.close(),
        () => rm(stateDirectory, { recursive: true, force: true }),
      );
      const crashing = startChild({ settings: settingsOf(sf), stateDirectory, size: SIZE, batch: BATCH });
      child = crashing.child;
      const crashed = await crashing.done;
      expect(crashed.signal).toBe("SIGKILL");
      const saved = await new JsonFileStateStore(stateDirectory).load("sf-test/salesforce");
      const savedMembers = Object.values(saved?.audiences ?? {}).reduce((n, a) => n + Object.keys(a.members).length, 0);
      expect(savedMembers).toBe((crashAt - 1) * BATCH);

      const resumed = await startChild({ settings: settingsOf(sf), stateDirectory, size: SIZE, batch: BATCH }).done;
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toEqual({ status: "completed", exported: 2 * SIZE - (crashAt - 1) * BATCH, failed: 0 });
      expect(holdings(sf)).toEqual(expected);
      expect(sf.fake.campaigns()).toHaveLength(1);
    }, 120_000);
  }
});
