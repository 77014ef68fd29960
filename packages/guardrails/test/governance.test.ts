import { AbmKitError, BUILT_IN_LABELS, describeLabel, ValidationError } from "@abm-kit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BUILT_IN_MARKETING_ACTIONS,
  checkGovernance,
  CORE_GOVERNANCE_POLICIES,
  describeMarketingAction,
  parseGovernancePolicies,
  parseGovernancePolicy,
  type GovernanceFieldUse,
  type GovernancePolicy,
} from "../src/index.js";

const noThirdParty: GovernancePolicy = {
  id: "no-third-party",
  name: "Contract data stays in house",
  deny: { labels: ["C1"], actions: ["exportToThirdParty"] },
};
const noPiiAds: GovernancePolicy = {
  id: "no-pii-ads",
  name: "No directly identifying data for cross-site ads",
  deny: { labels: ["I1"], actions: ["crossSiteTargeting"] },
  enforcement: "warn",
};
const noSensitive: GovernancePolicy = {
  id: "no-sensitive",
  name: "No sensitive or restricted data anywhere",
  deny: { labels: ["S3", "ACME_RESTRICTED"], actions: ["exportToThirdParty", "crossSiteTargeting", "partnerSync"] },
};

const fields: GovernanceFieldUse[] = [
  { path: "mapping[0].source", labels: ["I1"], role: "mapping" },
  { path: "mapping[1].source", labels: ["C1", "ACME_RESTRICTED"], role: "mapping" },
  { path: "mapping[2].source", labels: [], role: "mapping" },
  { path: "person.healthFlag__c", labels: ["S3"], role: "audience" },
];

describe("labels and marketing actions", () => {
  it("builds on core's label families and accepts custom labels and actions", () => {
    expect(BUILT_IN_LABELS.map((l) => l.family)).toEqual(expect.arrayContaining(["contract", "identity", "sensitive"]));
    expect(describeLabel("ACME_RESTRICTED").family).toBe("custom");
    expect(BUILT_IN_MARKETING_ACTIONS).toEqual([
      "exportToThirdParty",
      "onsiteAdvertising",
      "crossSiteTargeting",
      "emailTargeting",
      "analytics",
      "combineWithPii",
    ]);
    expect(describeMarketingAction("emailTargeting").builtIn).toBe(true);
    expect(describeMarketingAction("partnerSync")).toEqual({
      action: "partnerSync",
      builtIn: false,
      title: "Custom marketing action",
    });
  });
});

describe("checkGovernance", () => {
  it("lists every violation of a plan that breaks several policies", () => {
    const result = checkGovernance({
      policies: [noThirdParty, noPiiAds, noSensitive],
      actions: ["exportToThirdParty", "crossSiteTargeting"],
      fields,
    });
    const found = result.violations.map((v) => `${v.policyId}|${v.path}|${v.label}|${v.action}|${v.enforcement}|${v.role}`);
    expect(found).toEqual([
      "no-third-party|mapping[1].source|C1|exportToThirdParty|block|mapping",
      "no-pii-ads|mapping[0].source|I1|crossSiteTargeting|warn|mapping",
      "no-sensitive|mapping[1].source|ACME_RESTRICTED|exportToThirdParty|block|mapping",
      "no-sensitive|mapping[1].source|ACME_RESTRICTED|crossSiteTargeting|block|mapping",
      "no-sensitive|person.healthFlag__c|S3|exportToThirdParty|block|audience",
      "no-sensitive|person.healthFlag__c|S3|crossSiteTargeting|block|audience",
    ]);
    expect(result.violations[0]!.policyName).toBe("Contract data stays in house");
    expect(result.blocked).toBe(true);
  });

  it("only warns when every violated policy warns", () => {
    const result = checkGovernance({ policies: [noThirdParty, noPiiAds], actions: ["crossSiteTargeting"], fields });
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0]!.enforcement).toBe("warn");
    expect(result.blocked).toBe(false);
  });

  it("finds nothing when the actions are not denied", () => {
    const result = checkGovernance({ policies: [noThirdParty, noPiiAds, noSensitive], actions: ["analytics"], fields });
    expect(result).toEqual({ violations: [], blocked: false });
  });

  it("matches custom actions and custom labels", () => {
    const result = checkGovernance({ policies: [noSensitive], actions: ["partnerSync"], fields });
    expect(result.violations.map((v) => [v.path, v.label, v.action])).toEqual([
      ["mapping[1].source", "ACME_RESTRICTED", "partnerSync"],
      ["person.healthFlag__c", "S3", "partnerSync"],
    ]);
  });

  it("ships core policies for the built-in labels", () => {
    const result = checkGovernance({
      policies: CORE_GOVERNANCE_POLICIES,
      actions: ["emailTargeting"],
      fields: [
        { path: "person.consentNote", labels: ["C12"], role: "mapping" },
        { path: "person.email", labels: ["I1"], role: "mapping" },
      ],
    });
    expect(result.violations.map((v) => v.policyId)).toEqual(["core.c12"]);
    expect(result.blocked).toBe(true);
  });

  it("rejects invalid policies, naming each problem with its path", () => {
    let caught: unknown;
    try {
      checkGovernance({
        policies: [{ id: "", name: "x", deny: { labels: ["lowercase"], actions: [] } }, noThirdParty, noThirdParty] as GovernancePolicy[],
        actions: ["exportToThirdParty"],
        fields,
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const problems = (caught as AbmKitError).problems.map((p) => p.path.join("."));
    expect(problems).toEqual(expect.arrayContaining(["policies.0.id", "policies.0.deny.labels.0", "policies.0.deny.actions", "policies.2.id"]));
    expect(problems).toHaveLength(4);
  });

  it("rejects invalid enforcement and non-object input without a TypeError", () => {
    expect(() => parseGovernancePolicy({ id: "a", name: "b", deny: { labels: ["C1"], actions: ["analytics"] }, enforcement: "stop" })).toThrow(ValidationError);
    expect(() => parseGovernancePolicies(null)).toThrow(ValidationError);
    expect(() => checkGovernance(undefined as never)).toThrow(ValidationError);
    expect(parseGovernancePolicies([noThirdParty, noPiiAds])).toHaveLength(2);
  });
});

describe("checkGovernance (property)", () => {
  it("finds exactly one violation per denied (policy, field, label, action) and blocks iff a block policy is violated", () => {
    const label = fc.constantFrom("C1", "C4", "I1", "S3", "ACME_X");
    const action = fc.constantFrom("exportToThirdParty", "crossSiteTargeting", "emailTargeting", "partnerSync");
    const policies = fc.uniqueArray(
      fc.record({
        id: fc.constantFrom("p1", "p2", "p3", "p4"),
        name: fc.constant("Policy"),
        deny: fc.record({ labels: fc.uniqueArray(label, { minLength: 1 }), actions: fc.uniqueArray(action, { minLength: 1 }) }),
        enforcement: fc.constantFrom("block" as const, "warn" as const),
      }),
      { selector: (p) => p.id },
    );
    const fields = fc.array(
      fc.record({ path: fc.constantFrom("a", "b", "c"), labels: fc.uniqueArray(label), role: fc.constantFrom("mapping" as const, "audience" as const) }),
    );
    fc.assert(
      fc.property(policies, fc.uniqueArray(action), fields, (ps, actions, fs) => {
        const result = checkGovernance({ policies: ps, actions, fields: fs });
        let expected = 0;
        let blocks = false;
        for (const p of ps) {
          for (const f of fs) {
            const n = f.labels.filter((l) => p.deny.labels.includes(l)).length * actions.filter((a) => p.deny.actions.includes(a)).length;
            expected += n;
            if (n > 0 && p.enforcement === "block") blocks = true;
          }
        }
        expect(result.violations).toHaveLength(expected);
        expect(result.blocked).toBe(blocks);
      }),
    );
  });
});
