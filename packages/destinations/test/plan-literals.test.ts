import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseOrThrow } from "@abm-kit/core";
import {
  activate,
  ActivationPlanSchema,
  definePlan,
  localFolderDestination,
  MemoryStateStore,
  type ActivationPlanInput,
  type AudienceMembership,
} from "@abm-kit/destinations";
import { b2bSnapshot, NOW } from "./fixtures/b2b-snapshot.js";

/**
 * A plan literal type-checks without `as const`: through `definePlan`, an
 * annotation or `satisfies`; an `as const` plan fits too. Each
 * `@ts-expect-error` is checked by `tsc` (it fails when its line compiles).
 */
describe("plan literals", () => {
  const snapshot = b2bSnapshot(4, 1);
  const audiences: AudienceMembership[] = [{ audienceId: "tier-1", audienceName: "Tier 1", type: "account", memberIds: ["a0000", "a0001"] }];
  const mapping = { account: [{ source: "account.domain", target: "domain", transforms: ["domain"] }] };

  it("definePlan, an annotation, satisfies and as const all give a plan activate takes", async () => {
    const path = await mkdtemp(join(tmpdir(), "abm-kit-plan-"));
    const defined = definePlan({
      id: "p1",
      destination: { id: "local-folder", settings: { path, format: "csv" } },
      audiences: [{ audienceId: "tier-1" }],
      mapping: { account: [{ source: "account.domain", target: "domain", transforms: ["domain"] }] },
      mode: "full",
    });
    const annotated: ActivationPlanInput = { ...defined, id: "p2", mode: "incremental" };
    const satisfied = { ...defined, id: "p3", mapping: { account: [{ source: "id", target: "id", transforms: ["trim"] }] } } satisfies ActivationPlanInput;
    const constant = {
      id: "p4",
      destination: { id: "local-folder", settings: { path, format: "jsonl" } },
      audiences: [{ audienceId: "tier-1" }],
      mapping: { account: [{ source: "id", target: "id", transforms: ["trim"] }] },
    } as const;
    for (const plan of [defined, annotated, satisfied, constant]) {
      const report = await activate(plan, { destination: localFolderDestination, snapshot, audiences, now: NOW, state: new MemoryStateStore() });
      expect(report.status).toBe("completed");
      expect(report.audiences[0]?.manifest?.files.map((f) => f.rows)).toEqual([2]);
    }
  });

  it("a misspelt transform, mode or key fails to compile, and a plan from JSON goes through parseOrThrow", () => {
    definePlan({
      id: "p",
      destination: { id: "x", settings: {} },
      audiences: [{ audienceId: "a" }],
      // @ts-expect-error "sha256email" is not a transform
      mapping: { person: [{ source: "person.email", target: "e", transforms: ["sha256email"] }] },
    });
    // @ts-expect-error "delta" is not an export mode
    definePlan({ id: "p", destination: { id: "x", settings: {} }, audiences: [{ audienceId: "a" }], mapping: {}, mode: "delta" });
    // @ts-expect-error `audience` is not a key of a plan
    definePlan({ id: "p", destination: { id: "x", settings: {} }, audience: [{ audienceId: "a" }], mapping: {} });
    // a plan in a variable without annotation widens its strings: that is what definePlan is for
    const loose = { id: "p", destination: { id: "x", settings: {} }, audiences: [{ audienceId: "a" }], mapping };
    // @ts-expect-error transforms: string[] is not Transform[]
    definePlan(loose);

    const json: unknown = JSON.parse(JSON.stringify({ ...loose, mode: "full" }));
    const parsed = parseOrThrow(ActivationPlanSchema, json, "activation plan");
    expect(definePlan(parsed).mode).toBe("full");
    expect(() => parseOrThrow(ActivationPlanSchema, { ...(json as object), mode: "delta" }, "activation plan")).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED" }),
    );
  });
});
