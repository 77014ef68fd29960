import { createHash } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { JsonFileStateStore } from "@abm-kit/destinations";
import { memberFingerprint } from "../src/runtime/fingerprint.js";
import { emptyActivationState, parseActivationState, type ActivationState } from "../src/state/activation-state.js";
import { emptyDict, setEntry } from "../src/state/dict.js";
import { STATE_JSON_CHUNK_LENGTH, stateJsonChunks } from "../src/state/state-json-chunks.js";

const cell = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(fc.string()));
const id = fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", "toString", "p-1", 'é\u2028"\\'));
const member = fc.record({ h: fc.string(), k: fc.dictionary(fc.string(), cell), r: fc.nat() }, { requiredKeys: ["h"] });
const audienceState = fc.record(
  {
    externalId: fc.string(),
    members: fc.array(fc.tuple(id, member)),
    inFlight: fc.array(
      fc.record({
        key: fc.string({ minLength: 1 }),
        action: fc.constantFrom("add" as const, "remove" as const),
        externalId: fc.string(),
        members: fc.array(fc.record({ id: fc.string(), h: fc.string(), f: fc.dictionary(fc.string(), cell) })),
      }),
    ),
    lastRunAt: fc.string(),
  },
  { requiredKeys: ["members"] },
);
/** Activation states as the runtime holds them: id-keyed maps without prototype, optional fields absent or set to undefined. */
const activationState = fc
  .record({
    audiences: fc.array(fc.tuple(id, audienceState)),
    runs: fc.option(fc.nat(), { nil: undefined }),
    lastRunAt: fc.option(fc.string(), { nil: undefined }),
    run: fc.option(
      fc.record({
        id: fc.string({ minLength: 1 }),
        number: fc.integer({ min: 1 }),
        mode: fc.constantFrom("full" as const, "incremental" as const),
        startedAt: fc.string(),
        nextBatch: fc.integer({ min: 1 }),
      }),
      { nil: undefined },
    ),
  })
  .map(({ audiences, ...rest }) => {
    const state: ActivationState = { ...emptyActivationState(), ...rest };
    for (const [audienceId, { members, ...audience }] of audiences) {
      const held = emptyDict<ActivationState["audiences"][string]["members"][string]>();
      for (const [memberId, record] of members) setEntry(held, memberId, record);
      setEntry(state.audiences, audienceId, { ...audience, members: held });
    }
    return state;
  });

describe("state JSON in chunks", () => {
  it("joins to exactly JSON.stringify of the state, whatever the chunk length (the file format is unchanged)", () => {
    fc.assert(
      fc.property(activationState, fc.integer({ min: 1, max: 200 }), (state, chunkLength) => {
        expect([...stateJsonChunks(state, chunkLength)].join("")).toBe(JSON.stringify(state));
        expect([...stateJsonChunks(state)].join("")).toBe(JSON.stringify(state));
      }),
    );
  });

  it("joins to JSON.stringify of any JSON value, with undefined, functions and toJSON handled as JSON.stringify does", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect([...stateJsonChunks(value, 7)].join("")).toBe(JSON.stringify(value));
      }),
    );
    const odd = { a: undefined, b: [undefined, () => 1, Symbol("s")], c: new Date(0), d: { toJSON: () => "x" }, e: { f: { g: { h: { i: 1 } } } } };
    expect([...stateJsonChunks(odd, 3)].join("")).toBe(JSON.stringify(odd));
  });

  it("round-trips: the text parses back to a state equal to the one written", () => {
    fc.assert(
      fc.property(activationState, (state) => {
        const text = [...stateJsonChunks(state, 16)].join("");
        expect(parseActivationState(JSON.parse(text), "state")).toEqual(parseActivationState(JSON.parse(JSON.stringify(state)), "state"));
      }),
    );
  });

  it("writes a state of 1,000,000 members as chunks of bounded length, and the store reads the file back", async () => {
    const state = emptyActivationState();
    const members = emptyDict<{ h: string; k: Record<string, string>; r: number }>();
    for (let i = 0; i < 1_000_000; i++)
      members[`p-${i}`] = { h: (i * 2654435761).toString(16).padStart(20, "0").slice(-20), k: { email_sha256: `e${i}` }, r: 1 };
    state.audiences.big = { members };
    let chunks = 0;
    let longest = 0;
    for (const chunk of stateJsonChunks(state)) {
      chunks++;
      longest = Math.max(longest, chunk.length);
    }
    // about 70 bytes per member: some 70 chunks, none much longer than the chunk length (no piece is more than one member)
    expect(chunks).toBeGreaterThan(50);
    expect(longest).toBeLessThan(STATE_JSON_CHUNK_LENGTH + 200);

    const dir = await mkdtemp(join(tmpdir(), "abm-state-big-"));
    const store = new JsonFileStateStore(dir);
    await store.save("big", state);
    const loaded = await store.load("big");
    const held = loaded!.audiences.big!.members;
    expect(Object.keys(held)).toHaveLength(1_000_000);
    expect(held["p-999999"]).toEqual(members["p-999999"]);
    expect(held["p-0"]).toEqual(members["p-0"]);
  }, 120_000);

  it("reads a state file written whole by JSON.stringify (as earlier versions wrote it)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "abm-state-old-"));
    const state = emptyActivationState();
    state.runs = 2;
    state.lastRunAt = "2026-11-20T12:00:00Z";
    const members = emptyDict<{ h: string; k?: Record<string, string>; r?: number }>();
    setEntry(members, "__proto__", { h: "0123456789abcdef0123", k: { email_sha256: "ab" }, r: 2 });
    members["p-1"] = { h: "fedcba9876543210fedc" };
    state.audiences.a = { externalId: "seg-1", members, lastRunAt: "2026-11-20T12:00:00Z" };
    const store = new JsonFileStateStore(dir);
    await writeFile(store.pathOf("plan/dest"), JSON.stringify(state), "utf8");
    const loaded = await store.load("plan/dest");
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(state));
    expect(Object.hasOwn(loaded!.audiences.a!.members, "__proto__")).toBe(true);
    // and what the store writes now is that same text
    await store.save("plan/dest", loaded!);
    expect(await readFile(store.pathOf("plan/dest"), "utf8")).toBe(JSON.stringify(state));
  });
});

describe("member fingerprints", () => {
  it("are the first 20 hex digits of the SHA-256 of the sorted fields, as before (state written earlier stays valid)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), cell), (fields) => {
        const keys = Object.keys(fields).sort();
        const before = createHash("sha256")
          .update(JSON.stringify(keys.map((k) => [k, fields[k]])))
          .digest("hex")
          .slice(0, 20);
        expect(memberFingerprint({ memberId: "m", fields })).toBe(before);
      }),
    );
  });
});
