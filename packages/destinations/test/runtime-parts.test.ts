import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hashEmail, JsonFileStateStore, parseRetryAfter, secret, secretValuesOf } from "@abm-kit/destinations";
import { applyTransforms } from "../src/mapping/apply-transforms.js";
import { backoffDelay } from "../src/runtime/backoff.js";
import { emptyActivationState } from "../src/state/activation-state.js";
import { normalizeEmailForHash } from "../src/mapping/hash.js";
import { RateLimiter } from "../src/runtime/rate-limiter.js";
import { redactSettings } from "../src/definition/secret.js";
import { z } from "zod";

describe("email hashing for ad platforms", () => {
  it("matches the published SHA-256 example (trim, lowercase)", () => {
    expect(hashEmail("  John_Smith@gmail.com ")).toBe("62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f");
  });
  it("keeps dots and +tags (no Gmail normalization), passes digests through, refuses non-addresses", () => {
    expect(normalizeEmailForHash("J.Smith+ads@Gmail.com")).toBe("j.smith+ads@gmail.com");
    const digest = hashEmail("a@b.com")!;
    expect(hashEmail(digest.toUpperCase())).toBe(digest);
    expect(hashEmail("no-at-sign")).toBeUndefined();
    expect(hashEmail("a@b@c.com")).toBeUndefined();
    expect(hashEmail("a@b.com", "sha512")).toHaveLength(128);
  });
  it("applies transforms in order, null when one cannot apply", () => {
    expect(applyTransforms("https://www.Acme.co.uk/about", ["domain"])).toBe("acme.co.uk");
    expect(applyTransforms("12345", ["linkedinOrganizationUrn"])).toBe("urn:li:organization:12345");
    expect(applyTransforms("acme", ["linkedinOrganizationUrn"])).toBeNull();
    expect(applyTransforms(["A", "B"], ["lowercase", "join"])).toBe("a;b");
  });
});

describe("backoff and Retry-After", () => {
  it("full jitter below an exponential ceiling, never under Retry-After (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
        (attempt, r, retryAfter) => {
          const policy = { baseDelayMs: 100, maxDelayMs: 10_000 };
          const d = backoffDelay(attempt, policy, () => r, retryAfter);
          const ceiling = Math.min(10_000, 100 * 2 ** (attempt - 1));
          expect(d).toBeGreaterThanOrEqual(retryAfter ?? 0);
          expect(d).toBe(Math.max(Math.floor(r * ceiling), retryAfter ?? 0));
        },
      ),
    );
  });
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("7", 0)).toBe(7000);
    expect(parseRetryAfter("Fri, 20 Nov 2026 12:00:30 GMT", Date.parse("2026-11-20T12:00:00Z"))).toBe(30_000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});

describe("rate limiter", () => {
  it("never starts more than N requests in any window, on a fake clock", async () => {
    let now = 0;
    const starts: number[] = [];
    const limiter = new RateLimiter(
      { requests: 3, windowMs: 1000 },
      () => now,
      async (ms) => {
        now += ms;
      },
    );
    for (let i = 0; i < 10; i++) {
      await limiter.acquire();
      starts.push(now);
    }
    for (let i = 3; i < starts.length; i++) expect(starts[i]! - starts[i - 3]!).toBeGreaterThanOrEqual(1000);
    expect(starts.slice(0, 3)).toEqual([0, 0, 0]);
  });
});

describe("secret settings", () => {
  const Settings = z.object({
    url: z.string(),
    auth: z.object({ clientSecret: secret(z.string()), refresh: secret(z.string()).optional() }),
    keys: z.array(secret(z.string())).default([]),
  });
  it("finds and redacts every secret field", () => {
    const settings = { url: "https://x", auth: { clientSecret: "cs-123456", refresh: "rt-abcdef" }, keys: ["k1-aaaa", "k2-bbbb"] };
    expect(secretValuesOf(Settings, settings).sort()).toEqual(["cs-123456", "k1-aaaa", "k2-bbbb", "rt-abcdef"]);
    expect(redactSettings(Settings, settings)).toEqual({
      url: "https://x",
      auth: { clientSecret: "[redacted]", refresh: "[redacted]" },
      keys: ["[redacted]", "[redacted]"],
    });
  });
});

describe("JSON-file state store", () => {
  it("saves atomically (no temp file left) and loads what was saved", async () => {
    const dir = await mkdtemp(join(tmpdir(), "abm-state-"));
    const store = new JsonFileStateStore(dir);
    const state = emptyActivationState();
    state.audiences["a/b"] = { externalId: "x", members: { m1: { h: "f", k: { email_sha256: "ab" } } } };
    await Promise.all([store.save("plan/dest", state), store.save("plan/dest", state), store.save("plan/dest", state)]);
    expect(await store.load("plan/dest")).toEqual(state);
    expect(await readdir(dir)).toEqual(["plan%2Fdest.json"]);
    expect(await store.load("other")).toBeUndefined();
  });
  it("refuses a corrupt state file with a typed error", async () => {
    const dir = await mkdtemp(join(tmpdir(), "abm-state-"));
    const store = new JsonFileStateStore(dir);
    await store.save("k", emptyActivationState());
    const { writeFile } = await import("node:fs/promises");
    await writeFile(store.pathOf("k"), JSON.stringify({ version: 2, audiences: [] }));
    await expect(store.load("k")).rejects.toMatchObject({ code: "STATE_INVALID" });
    expect(JSON.parse(await readFile(store.pathOf("k"), "utf8")).version).toBe(2);
  });
});
