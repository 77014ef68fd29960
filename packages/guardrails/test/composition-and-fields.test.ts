import { SnapshotBuilder, ValidationError } from "@abm-kit/core";
import type { Composition } from "@abm-kit/audience";
import { describe, expect, it } from "vitest";
import { audienceFieldUses, checkGovernance, CORE_GOVERNANCE_POLICIES, validateComposition } from "../src/index.js";
import { accountAudience } from "./audiences.js";

const ref = (audienceId: string) => ({ kind: "audience" as const, audienceId });

describe("validateComposition on composition definitions", () => {
  it("accepts the blueprint's shape: audience minus exclusions, ranked, enriched", () => {
    const composition: Composition = {
      id: "top-cmos",
      name: "Top CMOs",
      version: 1,
      type: "person",
      members: {
        kind: "rank",
        input: { kind: "exclude", from: ref("cmos"), exclude: [ref("customers")] },
        by: { kind: "field", field: "employeeCount" },
        limit: 100,
      },
      enrich: [],
    };
    expect(validateComposition(composition, { profile: "blueprint" })).toEqual([]);
  });

  it("counts every node, the split and the enrich as blocks: 10 pass, 11 is an error", () => {
    const composition = (audiences: number): Composition => ({
      id: "wide",
      name: "Wide",
      version: 1,
      type: "person",
      members: { kind: "union", inputs: Array.from({ length: audiences }, (_, i) => ref(`a${i}`)) },
      split: {
        by: "percentage",
        salt: "s",
        branches: [
          { id: "x", percent: 50 },
          { id: "y", percent: 50 },
        ],
      },
    });
    // union + n audiences + split
    const ten = validateComposition(composition(8), { profile: "blueprint" });
    expect(ten.filter((f) => f.ruleId === "composition.blocks")).toEqual([]);
    expect(ten.map((f) => f.ruleId)).toEqual(["composition.shape"]);
    expect(validateComposition(composition(9), { profile: "blueprint" }).filter((f) => f.ruleId === "composition.blocks")).toEqual([
      expect.objectContaining({ severity: "error", limit: 10, actual: 11, path: "members" }),
    ]);
  });

  it("warns on a rank combined with a split, and on priority lists", () => {
    const ranked: Composition = {
      id: "r",
      name: "R",
      version: 1,
      type: "person",
      members: { kind: "rank", input: ref("a"), by: { kind: "field", field: "employeeCount" }, limit: 5 },
      split: { by: "priority", tiers: [{ id: "t1", members: ref("b") }] },
    };
    expect(validateComposition(ranked, { profile: "blueprint" })).toEqual([
      expect.objectContaining({ ruleId: "composition.shape", severity: "warning", actual: "rank audience priorityList audience" }),
    ]);
  });

  it("rejects an invalid composition definition naming its problems", () => {
    expect(() =>
      validateComposition({ id: "x", name: "", version: 1, type: "person", members: { kind: "union", inputs: [] } } as never, { profile: "blueprint" }),
    ).toThrow(ValidationError);
  });
});

describe("audienceFieldUses", () => {
  it("lists the labelled fields an audience reads, so policies can check them", () => {
    const builder = new SnapshotBuilder({
      asOf: "2026-11-20T12:00:00.000Z",
      fields: { person: { healthFlag__c: { type: "boolean", labels: ["S3"] } }, account: { secretScore__c: { type: "number", labels: ["C12"] } } },
    });
    builder.addAccount({ id: "a1", name: "Acme", attributes: { secretScore__c: 3 } });
    builder.addPerson({ id: "p1", email: "x@acme.test", attributes: { healthFlag__c: true } });
    const snapshot = builder.build();
    const audience = accountAudience({
      kind: "and",
      conditions: [
        { kind: "attribute", field: "secretScore__c", op: "gt", value: 2 },
        { kind: "attribute", field: "industry", op: "eq", value: "Software" },
        {
          kind: "related",
          relation: "people",
          quantifier: "some",
          where: {
            kind: "or",
            conditions: [
              { kind: "attribute", field: "email", op: "exists" },
              { kind: "attribute", field: "healthFlag__c", op: "eq", value: true },
              { kind: "attribute", field: "email", op: "endsWith", value: "@acme.test" },
            ],
          },
        },
      ],
    });
    const uses = audienceFieldUses(audience, snapshot);
    expect(uses).toEqual([
      { path: "account.secretScore__c", labels: ["C12"], role: "audience" },
      { path: "person.email", labels: ["I1"], role: "audience" },
      { path: "person.healthFlag__c", labels: ["S3"], role: "audience" },
    ]);
    const result = checkGovernance({ policies: CORE_GOVERNANCE_POLICIES, actions: ["crossSiteTargeting"], fields: uses });
    expect(result.violations.map((v) => `${v.policyId} ${v.path}`)).toEqual(["core.c12 account.secretScore__c", "core.s3 person.healthFlag__c"]);
    expect(result.blocked).toBe(true);
  });
});
