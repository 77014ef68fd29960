import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSnapshot } from "@abm-kit/core";
import { activate, JsonFileStateStore, MemoryStateStore, type ActivationPlanInput, type StateStore } from "@abm-kit/destinations";
import { computeDelta } from "../src/runtime/delta.js";
import { API_KEY, MemoryService, memoryDestination } from "./fixtures/memory-destination.js";

const NOW = "2026-11-20T12:00:00.000Z";
const ODD = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype"];
const snapshot = buildSnapshot({ persons: [...ODD, "plain"].map((id, i) => ({ id, email: `person${i}@example.com` })) }, { asOf: NOW });

const plan = (audienceId: string): ActivationPlanInput => ({
  id: "odd",
  destination: { id: "memory", settings: { apiKey: API_KEY } },
  audiences: [{ audienceId }],
  mapping: { person: [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email"] }] },
});

describe("member and audience ids are data, whatever they spell", () => {
  for (const [name, makeStore] of [
    ["memory store", async () => new MemoryStateStore()],
    ["JSON-file store", async () => new JsonFileStateStore(await mkdtemp(join(tmpdir(), "abm-odd-")))],
  ] as const) {
    for (const audienceId of ["buyers", "__proto__"]) {
      it(`${name}, audience ${audienceId}: new on the first run, kept, then removed`, async () => {
        const service = new MemoryService();
        const state: StateStore = await makeStore();
        const run = (memberIds: string[]) =>
          activate(plan(audienceId), {
            destination: memoryDestination(service),
            snapshot,
            audiences: [{ audienceId, type: "person", memberIds }],
            now: NOW,
            state,
            sleep: async () => {},
          });
        const first = await run([...ODD, "plain"]);
        expect(first.audiences[0]).toMatchObject({ realized: 7, existing: 0, exported: 7 });
        expect(service.membersOf(`ext-${audienceId}`)).toEqual([...ODD, "plain"].sort());
        const again = await run([...ODD, "plain"]);
        expect(again.audiences[0]).toMatchObject({ realized: 0, existing: 7, exported: 0 });
        const left = await run(["plain"]);
        expect(left.audiences[0]).toMatchObject({ exited: 6, removed: 6 });
        expect(service.membersOf(`ext-${audienceId}`)).toEqual(["plain"]);
      });
    }
  }

  it("computeDelta treats them as ordinary ids, also with a plain-object state", () => {
    const held = JSON.parse('{"__proto__":{"h":"x"},"plain":{"h":"y"}}') as Record<string, { h: string }>;
    const desired = new Map([
      ["constructor", "c"],
      ["toString", "t"],
      ["__proto__", "x"],
    ]);
    expect(computeDelta(held, desired)).toEqual({ realized: ["constructor", "toString"], existing: ["__proto__"], changed: [], exited: ["plain"] });
    expect(
      computeDelta(
        {},
        new Map([
          ["__proto__", "x"],
          ["valueOf", "v"],
        ]),
      ),
    ).toEqual({ realized: ["__proto__", "valueOf"], existing: [], changed: [], exited: [] });
  });
});
