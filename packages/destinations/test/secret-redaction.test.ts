import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as zm from "zod/mini";
import { AbmKitError, ValidationError } from "@abm-kit/core";
import {
  activate,
  ActivationError,
  createActivationEvents,
  defineDestination,
  JsonFileStateStore,
  MemoryStateStore,
  RetryableError,
  secret,
  secretValuesOf,
  type ActivationPlanInput,
  type ActivationState,
  type StateStore,
} from "@abm-kit/destinations";
import { Redactor } from "../src/runtime/redactor.js";
import { redactSettings } from "../src/definition/secret.js";
import { z } from "zod";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";

const snapshot = b2bSnapshot(10, 3);
const noWait = async () => {};

describe("secret() is found in every schema shape", () => {
  const shapes: [string, z.ZodType, unknown, string][] = [
    ["object", z.object({ a: secret(z.string()) }), { a: "s-object" }, "s-object"],
    ["union", z.object({ auth: z.union([z.object({ key: secret(z.string()) }), z.object({ user: z.string() })]) }), { auth: { key: "s-union" } }, "s-union"],
    [
      "discriminatedUnion",
      z.object({
        auth: z.discriminatedUnion("kind", [z.object({ kind: z.literal("oauth"), clientSecret: secret(z.string()) }), z.object({ kind: z.literal("none") })]),
      }),
      { auth: { kind: "oauth", clientSecret: "s-discriminated" } },
      "s-discriminated",
    ],
    ["record", z.object({ headers: z.record(z.string(), secret(z.string())) }), { headers: { "x-api-key": "s-record" } }, "s-record"],
    [
      "intersection",
      z.intersection(z.object({ a: z.string() }), z.object({ token: secret(z.string()) })),
      { a: "plain", token: "s-intersection" },
      "s-intersection",
    ],
    ["lazy", z.object({ inner: z.lazy(() => z.object({ key: secret(z.string()) })) }), { inner: { key: "s-lazy" } }, "s-lazy"],
    ["transform", z.object({ key: secret(z.string()).transform((s) => s.trim()) }), { key: "s-transform" }, "s-transform"],
    [
      "secret() around a transform (the value it produces)",
      z.object({ key: secret(z.string().transform((s) => s.trim())) }),
      { key: "  s-around-transform  " },
      "s-around-transform",
    ],
    [
      "transform around an object",
      z.object({ key: secret(z.string()) }).transform((o) => ({ ...o, extra: 1 })),
      { key: "s-transformed-object" },
      "s-transformed-object",
    ],
    ["pipe", z.object({ key: z.string().pipe(secret(z.string().min(1))) }), { key: "s-pipe" }, "s-pipe"],
    ["tuple", z.object({ pair: z.tuple([z.string(), secret(z.string())]) }), { pair: ["user", "s-tuple"] }, "s-tuple"],
    ["array in a record", z.record(z.string(), z.array(secret(z.string()))), { a: ["s-array"] }, "s-array"],
    ["optional, nullable, default, catch", z.object({ k: secret(z.string()).nullable().optional().default("x").catch("y") }), { k: "s-wrapped" }, "s-wrapped"],
    [
      "a whole object marked",
      z.object({ creds: secret(z.object({ user: z.string(), pass: z.string() })) }),
      { creds: { user: "s-user", pass: "s-pass" } },
      "s-pass",
    ],
    ["invalid value of the wrong type", z.object({ key: secret(z.string().min(20)) }), { key: 87654321 }, "87654321"],
    ["invalid value failing a check", z.object({ key: secret(z.string().min(20)) }), { key: "s-too-short" }, "s-too-short"],
  ];
  for (const [name, schema, settings, expected] of shapes) {
    it(name, () => {
      expect(secretValuesOf(schema, settings)).toContain(expected);
      expect(JSON.stringify(redactSettings(schema, settings))).not.toContain(expected);
    });
  }
  it("works on zod/mini schemas too", () => {
    const schema = zm.object({ key: secret(zm.string()), auth: zm.union([zm.object({ token: secret(zm.string()) }), zm.string()]) });
    expect(secretValuesOf(schema as unknown as z.ZodType, { key: "s-mini", auth: { token: "s-mini-union" } }).sort()).toEqual(["s-mini", "s-mini-union"]);
  });
  it("does not report values of fields not marked secret", () => {
    const schema = z.object({ region: z.string(), auth: z.union([z.object({ key: secret(z.string()) }), z.object({ user: z.string() })]) });
    expect(secretValuesOf(schema, { region: "eu", auth: { user: "someone" } })).toEqual([]);
  });
});

describe("the redaction rule", () => {
  it("replaces a short secret where it stands alone, not inside other words", () => {
    const r = new Redactor(["k9"]);
    expect(r.text("key k9 rejected")).toBe("key [redacted] rejected");
    expect(r.text("k9")).toBe("[redacted]");
    expect(r.text('{"apiKey":"k9"}')).toBe('{"apiKey":"[redacted]"}');
    expect(r.text("?key=k9&x=1")).toBe("?key=[redacted]&x=1");
    expect(r.text("k9x ak9 k99 k9_1")).toBe("k9x ak9 k99 k9_1");
  });
  it("replaces a long secret wherever it occurs", () => {
    const r = new Redactor(["sk_live_12345678"]);
    expect(r.text("Bearer sk_live_12345678, xsk_live_12345678y")).toBe("Bearer [redacted], x[redacted]y");
  });
  it("a one-character secret is replaced only as a whole value or token", () => {
    const r = new Redactor(["7"]);
    expect(r.value({ a: "7", b: "17 members", c: "code 7" })).toEqual({ a: "[redacted]", b: "17 members", c: "code [redacted]" });
  });
  it("never leaves a secret of any length standing alone in text (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s.length > 0 && s !== "[redacted]"),
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 }),
        (secretValue, words) => {
          const text = [...words, secretValue, ...words].join(" ");
          const out = new Redactor([secretValue]).text(text);
          expect(out.split(" ")).not.toContain(secretValue);
        },
      ),
    );
  });
});

function leakyDestination(options: { onSend?: (ctx: { auth?: { accessToken: string } }, n: number) => void; externalId?: (apiKey: string) => string } = {}) {
  let sent = 0;
  let issued = 0;
  return defineDestination({
    id: "leaky",
    name: "Leaky",
    settings: z.object({ apiKey: secret(z.string()), region: z.string().default("us") }),
    audienceTypes: ["person"],
    identities: ["sha256Email"],
    delivery: { kind: "streaming", modes: ["full", "incremental"] },
    limits: { maxBatchSize: 5 },
    marketingActions: [],
    mappingTargets: { person: [{ name: "email_sha256", identity: "sha256Email", required: true }] },
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    authenticate: async () => ({ accessToken: `tok-${++issued}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}` }),
    ensureAudience: async (ctx, audience) => ({ externalId: options.externalId?.(ctx.settings.apiKey) ?? `ext-${audience.audienceId}` }),
    sendBatch: async (ctx, batch) => {
      options.onSend?.(ctx, ++sent);
      return batch.members.map((m) => ({ memberId: m.memberId, ok: true as const }));
    },
  });
}

function leakyPlan(apiKey: string): ActivationPlanInput {
  return {
    id: "leak",
    destination: { id: "leaky", settings: { apiKey } },
    audiences: [{ audienceId: "a" }],
    mapping: { person: [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email"] }] },
  };
}

function recordingStore(inner: StateStore, saved: string[]): StateStore {
  return { load: (k) => inner.load(k), save: (k, s: ActivationState) => (saved.push(JSON.stringify(s)), inner.save(k, s)) };
}

function collect(events = createActivationEvents()) {
  const output: string[] = [];
  for (const name of ["run:start", "audience:delta", "batch:sent", "batch:retry", "auth:refreshed", "checkpoint", "run:end"] as const)
    events.on(name, (e: unknown) => output.push(JSON.stringify(e)));
  return { events, output };
}

describe("secrets stay out of reports, events, errors, problems and checkpoints", () => {
  it("a short secret echoed by the service is redacted", async () => {
    const { events, output } = collect();
    const report = await activate(leakyPlan("Q7"), {
      destination: leakyDestination({
        onSend: (_ctx, n) => {
          if (n === 1) throw new RetryableError("HTTP_503", "upstream refused key Q7 (region us)");
        },
      }),
      snapshot,
      audiences: [{ audienceId: "a", type: "person", memberIds: ids("p", 0, 6) }],
      now: NOW,
      state: new MemoryStateStore(),
      events,
      sleep: noWait,
    });
    output.push(JSON.stringify(report));
    const text = output.join("\n");
    expect(text).toContain("upstream refused key [redacted] (region us)");
    expect(text).not.toMatch(/\bQ7\b/);
  });

  it("a typed error an adapter throws comes back with its message, problems, stack and cause redacted", async () => {
    const apiKey = "api-key-4f9a2c71";
    const error = await activate(leakyPlan(apiKey), {
      destination: leakyDestination({
        onSend: () => {
          throw new ValidationError("the receiver's answer", [{ path: ["results", 0], message: `key ${apiKey} is not allowed here` }]);
        },
      }),
      snapshot,
      audiences: [{ audienceId: "a", type: "person", memberIds: ids("p", 0, 3) }],
      now: NOW,
      state: new MemoryStateStore(),
      sleep: noWait,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as AbmKitError).problems).toEqual([{ path: ["results", 0], message: "key [redacted] is not allowed here" }]);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(apiKey);
    expect(String((error as Error).stack)).not.toContain(apiKey);

    const withCause = await activate(leakyPlan(apiKey), {
      destination: leakyDestination({
        onSend: () => {
          throw new AbmKitError("RECEIVER_REFUSED", "refused", [], { cause: new Error(`sent ${apiKey}`) });
        },
      }),
      snapshot,
      audiences: [{ audienceId: "a", type: "person", memberIds: ids("p", 0, 3) }],
      now: NOW,
      state: new MemoryStateStore(),
      sleep: noWait,
    }).catch((e: unknown) => e);
    expect((withCause as AbmKitError).code).toBe("RECEIVER_REFUSED");
    expect(String(((withCause as Error).cause as Error | undefined)?.message)).not.toContain(apiKey);
  });

  it("a token issued in a crashed run is redacted when a service echoes it in the next run", async () => {
    const dir = await mkdtemp(join(tmpdir(), "abm-leak-"));
    const apiKey = "api-key-8b1e5d33";
    let oldToken = "";
    const crashed = await activate(leakyPlan(apiKey), {
      destination: leakyDestination({
        onSend: (ctx, n) => {
          oldToken = ctx.auth!.accessToken;
          if (n === 2) throw new Error("process died");
        },
      }),
      snapshot,
      audiences: [{ audienceId: "a", type: "person", memberIds: ids("p", 0, 12) }],
      now: NOW,
      state: new JsonFileStateStore(dir),
      sleep: noWait,
    }).catch((e: unknown) => e);
    expect(crashed).toBeInstanceOf(ActivationError);
    expect(oldToken).not.toBe("");

    const { events, output } = collect();
    const report = await activate(leakyPlan(apiKey), {
      destination: leakyDestination({
        onSend: (_ctx, n) => {
          if (n === 1) throw new RetryableError("HTTP_409", `token ${oldToken} was revoked; session ${oldToken}:1 closed`);
        },
      }),
      snapshot,
      audiences: [{ audienceId: "a", type: "person", memberIds: ids("p", 0, 12) }],
      now: NOW,
      state: new JsonFileStateStore(dir),
      events,
      sleep: noWait,
    });
    output.push(JSON.stringify(report));
    expect(report.retries).toBeGreaterThan(0);
    expect(output.join("\n")).not.toContain(oldToken);
    expect(output.join("\n")).toContain("token [redacted] was revoked");
    // the state file keeps no token either
    const files = await import("node:fs/promises").then((fs) => fs.readdir(dir));
    for (const f of files) expect(await readFile(join(dir, f), "utf8")).not.toContain(oldToken);
  });

  it("no secret reaches a checkpoint", async () => {
    const saved: string[] = [];
    const apiKey = "api-key-0c0ffee1";
    await activate(leakyPlan(apiKey), {
      destination: leakyDestination({ externalId: (key) => `segment-for-${key}` }),
      snapshot,
      audiences: [{ audienceId: "a", type: "person", memberIds: ids("p", 0, 8) }],
      now: NOW,
      state: recordingStore(new MemoryStateStore(), saved),
      sleep: noWait,
    });
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.join("\n")).not.toContain(apiKey);
  });
});
