import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AbmKitError } from "@abm-kit/core";
import { activate, JsonFileStateStore, type ActivationPlanInput } from "@abm-kit/destinations";
import { emptyActivationState } from "../src/state/activation-state.js";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";
import { API_KEY, MemoryService, memoryDestination } from "./fixtures/memory-destination.js";

const snapshot = b2bSnapshot(10, 3);
const plan: ActivationPlanInput = {
  id: "p",
  destination: { id: "memory", settings: { apiKey: API_KEY } },
  audiences: [{ audienceId: "a" }],
  mapping: { person: [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email"] }] },
};

async function store() {
  const dir = await mkdtemp(join(tmpdir(), "abm-state-"));
  return { dir, store: new JsonFileStateStore(dir) };
}

describe("a broken state file is a typed error that says where and how to recover", () => {
  for (const [name, text] of [
    ["empty", ""],
    ["truncated", '{"version":1,"audiences":{"a":{"members":{"p0001":{"h":"ab'],
    ["not JSON at all", "\u0000\u0000garbage"],
  ] as const) {
    it(`${name} file`, async () => {
      const { store: s } = await store();
      await writeFile(s.pathOf("plan/dest"), text);
      const error = await s.load("plan/dest").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbmKitError);
      expect(error).not.toBeInstanceOf(SyntaxError);
      expect((error as AbmKitError).code).toBe("STATE_CORRUPT");
      expect((error as Error).message).toContain(s.pathOf("plan/dest"));
      expect((error as Error).message).toContain('"plan/dest"');
      expect((error as Error).message).toMatch(/delete|remove/);
      expect((error as AbmKitError).problems[0]!.path).toEqual(["plan/dest"]);
    });
  }

  it("activate raises it too, before sending anything", async () => {
    const { store: s } = await store();
    await writeFile(s.pathOf("p/memory"), "");
    const service = new MemoryService();
    const error = await activate(plan, {
      destination: memoryDestination(service),
      snapshot,
      audiences: [{ audienceId: "a", type: "person", memberIds: ids("p", 0, 3) }],
      now: NOW,
      state: s,
    }).catch((e: unknown) => e);
    expect((error as AbmKitError).code).toBe("STATE_CORRUPT");
    expect(service.batches).toHaveLength(0);
  });

  it("a state of the wrong shape names every problem, under the key", async () => {
    const { store: s } = await store();
    await writeFile(s.pathOf("k"), JSON.stringify({ version: 1, audiences: { a: { members: { m1: { h: 5 } } } } }));
    const error = (await s.load("k").catch((e: unknown) => e)) as AbmKitError;
    expect(error.code).toBe("STATE_INVALID");
    expect(error.problems.map((p) => p.path)).toEqual([["k", "audiences", "a", "members", "m1", "h"]]);
    expect(error.message).toContain(s.pathOf("k"));
  });

  it("a state path that cannot be read or written is a typed error", async () => {
    const { store: s } = await store();
    await mkdir(s.pathOf("dir"), { recursive: true });
    const read = (await s.load("dir").catch((e: unknown) => e)) as AbmKitError;
    expect(read).toBeInstanceOf(AbmKitError);
    expect(read.code).toBe("STATE_UNREADABLE");
    const write = (await s.save("dir", emptyActivationState()).catch((e: unknown) => e)) as AbmKitError;
    expect(write).toBeInstanceOf(AbmKitError);
    expect(write.code).toBe("STATE_UNWRITABLE");
    expect(write.message).toContain(s.pathOf("dir"));
  });
});

describe("keys", () => {
  it("a key that cannot name a file is a typed error, not a URIError", async () => {
    const { store: s } = await store();
    for (const attempt of [() => s.load("plan/\uD800"), () => s.save("plan/\uD800", emptyActivationState())]) {
      const error = (await attempt().catch((e: unknown) => e)) as AbmKitError;
      expect(error).toBeInstanceOf(AbmKitError);
      expect(error.code).toBe("STATE_KEY_INVALID");
    }
  });
});

describe("temporary files", () => {
  const stale = (s: JsonFileStateStore, key: string, n: number) => `${s.pathOf(key)}.0000000${n}-aaaa-4bbb-8ccc-dddddddddddd.tmp`;

  it("a failed write leaves no temporary file", async () => {
    const { dir, store: s } = await store();
    await mkdir(s.pathOf("dir"), { recursive: true });
    await writeFile(join(s.pathOf("dir"), "x"), "keeps the folder non-empty");
    await expect(s.save("dir", emptyActivationState())).rejects.toBeInstanceOf(AbmKitError);
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("temporaries left by crashed runs are removed on the next load and save, others' files are kept", async () => {
    const { dir, store: s } = await store();
    await s.save("k", emptyActivationState());
    await writeFile(stale(s, "k", 1), '{"version":1,"aud');
    await writeFile(stale(s, "k", 2), "");
    await writeFile(stale(s, "other", 3), "");
    await writeFile(join(dir, "notes.tmp"), "not ours");
    expect(await s.load("k")).toEqual(emptyActivationState());
    expect((await readdir(dir)).sort()).toEqual(["k.json", "notes.tmp", "other.json.00000003-aaaa-4bbb-8ccc-dddddddddddd.tmp"]);
    await writeFile(stale(s, "k", 4), "");
    await s.save("k", emptyActivationState());
    expect((await readdir(dir)).sort()).toEqual(["k.json", "notes.tmp", "other.json.00000003-aaaa-4bbb-8ccc-dddddddddddd.tmp"]);
  });

  it("concurrent saves of one key all succeed and leave one file", async () => {
    const { dir, store: s } = await store();
    const state = emptyActivationState();
    await Promise.all(Array.from({ length: 12 }, () => s.save("k", state)));
    expect(await readdir(dir)).toEqual(["k.json"]);
  });
});
