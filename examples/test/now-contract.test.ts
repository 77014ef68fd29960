import { describe, expect, it } from "vitest";
import { evaluate, evaluateComposition, diffMembership, audience, attr, type CompositionInput } from "@abm-kit/audience";
import { compileAudienceSql } from "@abm-kit/audience-sql";
import { buildSnapshot, parseNow, SnapshotBuilder } from "@abm-kit/core";
import { activate, definePlan, localFolderDestination, MemoryStateStore } from "@abm-kit/destinations";
import { validateAudienceLimits } from "@abm-kit/guardrails";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * One `now` contract (core's `parseNow`): an ISO-8601 instant with an offset,
 * epoch ms or a Date; anything else is a ValidationError naming the path. Every
 * package reads `now` (and `asOf`) with it, so each accepts the same three
 * forms and rejects the same values.
 */
const ISO = "2026-11-20T12:00:00Z";
const MS = Date.parse(ISO);
const forms = [ISO, MS, new Date(MS)] as const;
const bad = ["2026-11-20", "yesterday", Number.NaN, new Date(Number.NaN), undefined, null, "2026-11-20T12:00:00"];

const snapshot = buildSnapshot({ accounts: [{ id: "acc-1", industry: "Software" }] }, { asOf: ISO });
const sw = audience.account("sw", "Software").where(attr.text("industry").eq("Software"));
const composition: CompositionInput = { id: "c", name: "C", version: 1, type: "account", members: { kind: "audience", audienceId: "sw" } };

const readers: Record<string, (now: never) => unknown> = {
  "core parseNow": (now) => parseNow(now),
  "SnapshotBuilder asOf": (asOf) => new SnapshotBuilder({ asOf }),
  evaluate: (now) => evaluate(sw, snapshot, { now }),
  evaluateComposition: (now) => evaluateComposition(composition, snapshot, { now, audiences: [sw] }),
  diffMembership: (now) => diffMembership(undefined, { audienceId: "sw", type: "account", memberIds: [] }, { now }),
  compileAudienceSql: (now) => compileAudienceSql(sw, { dialect: "duckdb", now, snapshot }),
  validateAudienceLimits: (now) => validateAudienceLimits(sw, { profile: "blueprint", now }),
};

describe("one now contract", () => {
  for (const [name, read] of Object.entries(readers)) {
    it(`${name} takes an ISO instant, epoch ms and a Date, and rejects the rest with a ValidationError`, () => {
      for (const now of forms) expect(() => read(now as never)).not.toThrow();
      for (const now of bad) {
        if (name === "validateAudienceLimits" && now === undefined) continue; // now is optional there
        expect(() => read(now as never), `${name}(${String(now)})`).toThrow(expect.objectContaining({ name: "ValidationError", code: "VALIDATION_FAILED" }));
      }
    });
  }

  it("activate takes the same forms and rejects the rest before anything is sent", async () => {
    const path = await mkdtemp(join(tmpdir(), "abm-kit-now-"));
    const plan = definePlan({
      id: "now",
      destination: { id: "local-folder", settings: { path } },
      audiences: [{ audienceId: "sw" }],
      mapping: { account: [{ source: "id", target: "id" }] },
    });
    const run = (now: unknown) =>
      activate(plan, {
        destination: localFolderDestination,
        snapshot,
        audiences: [{ audienceId: "sw", audienceName: "SW", type: "account", memberIds: ["acc-1"] }],
        now: now as never,
        state: new MemoryStateStore(),
      });
    for (const now of forms) expect((await run(now)).now).toBe(typeof now === "string" ? now : "2026-11-20T12:00:00.000Z");
    for (const now of bad) await expect(run(now)).rejects.toMatchObject({ name: "ValidationError", code: "VALIDATION_FAILED" });
  });
});
