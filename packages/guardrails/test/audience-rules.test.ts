import { AbmKitError, ValidationError } from "@abm-kit/core";
import type { Condition } from "@abm-kit/audience";
import { describe, expect, it } from "vitest";
import { validateAudienceLimits, validateAudiences, type Finding } from "../src/index.js";
import { accountAudience, chain, leaf, nested, personAudience, switches, valueList, visits, wide } from "./audiences.js";

const NOW = "2026-11-20T12:00:00.000Z";
const blueprint = { profile: "blueprint" as const, now: NOW };
const byRule = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

describe("blueprint account-audience rules at, just under and just over their limits", () => {
  const cases: {
    ruleId: string;
    limit: number;
    build: (n: number) => Condition;
    path: (n: number) => string;
    personBuild?: (n: number) => Condition;
  }[] = [
    {
      ruleId: "accountAudience.nestedContainers",
      limit: 5,
      build: nested,
      path: (n) => "condition" + ".conditions[0]".repeat(n - 1),
    },
    { ruleId: "accountAudience.rulesPerContainer", limit: 5, build: wide, path: () => "condition" },
    {
      ruleId: "accountAudience.entitySwitches",
      limit: 5,
      build: (n) => switches(n),
      path: () => "condition",
      personBuild: (n) => switches(n, "accounts"),
    },
    {
      ruleId: "accountAudience.relationshipLevels",
      limit: 3,
      build: (n) => chain(n),
      path: (n) => "condition" + ".where".repeat(n - 1),
      personBuild: (n) => chain(n, "person"),
    },
    { ruleId: "accountAudience.valuesPerField", limit: 50, build: valueList, path: () => "condition" },
  ];

  for (const { ruleId, limit, build, path, personBuild = build } of cases) {
    it(`${ruleId}: ${limit - 1} and ${limit} pass, ${limit + 1} is an error`, () => {
      expect(byRule(validateAudienceLimits(accountAudience(build(limit - 1)), blueprint), ruleId)).toEqual([]);
      expect(byRule(validateAudienceLimits(accountAudience(build(limit)), blueprint), ruleId)).toEqual([]);
      const over = byRule(validateAudienceLimits(accountAudience(build(limit + 1)), blueprint), ruleId);
      expect(over).toHaveLength(1);
      expect(over[0]).toMatchObject({
        ruleId,
        severity: "error",
        limit,
        actual: limit + 1,
        path: path(limit + 1),
        audienceId: "acc",
      });
      expect(over[0]!.message).toContain(String(limit));
      // relaxed checks none of the platform rules
      expect(validateAudienceLimits(accountAudience(build(limit + 1)), { profile: "relaxed" })).toEqual([]);
      // the rules are account-audience rules
      expect(byRule(validateAudienceLimits(personAudience(personBuild(limit + 1)), blueprint), ruleId)).toEqual([]);
    });
  }

  it("accountAudience.personEventLookbackDays: 29 and 30 days pass, 31 days warns", () => {
    const rule = "accountAudience.personEventLookbackDays";
    expect(byRule(validateAudienceLimits(accountAudience(visits(29)), blueprint), rule)).toEqual([]);
    expect(byRule(validateAudienceLimits(accountAudience(visits(30)), blueprint), rule)).toEqual([]);
    const over = byRule(validateAudienceLimits(accountAudience(visits(31)), blueprint), rule);
    expect(over).toEqual([expect.objectContaining({ severity: "warning", limit: 30, actual: 31, path: "condition" })]);
    // just over by an hour
    const hours = byRule(validateAudienceLimits(accountAudience(visits(30 * 24 + 1, "hours")), blueprint), rule);
    expect(hours[0]?.actual).toBeCloseTo(30.042, 3);
    // account-owned events (intent surges) are not person events
    const intent: Condition = { kind: "event", types: ["Intent Surge"], owner: "account", window: { last: { amount: 90, unit: "days" } } };
    expect(byRule(validateAudienceLimits(accountAudience(intent), blueprint), rule)).toEqual([]);
    // person audiences may look back as far as they like
    expect(byRule(validateAudienceLimits(personAudience(visits(365)), blueprint), rule)).toEqual([]);
  });

  it("measures calendar months at `now`, and bounds them without it", () => {
    const rule = "accountAudience.personEventLookbackDays";
    // 2026-10-20 → 2026-11-20 is 31 days
    expect(byRule(validateAudienceLimits(accountAudience(visits(1, "months")), blueprint), rule)[0]?.actual).toBe(31);
    // 2026-02-28 → 2026-03-28 is 28 days: passes
    expect(byRule(validateAudienceLimits(accountAudience(visits(1, "months")), { profile: "blueprint", now: "2026-03-28T00:00:00Z" }), rule)).toEqual([]);
    // without now a month counts as its longest, 31 days
    expect(byRule(validateAudienceLimits(accountAudience(visits(1, "months")), { profile: "blueprint" }), rule)[0]?.actual).toBe(31);
  });

  it("reports unbounded and unknown lookbacks", () => {
    const rule = "accountAudience.personEventLookbackDays";
    const open: Condition = { kind: "event", types: ["Fill Out Form"], window: { to: "now" } };
    expect(byRule(validateAudienceLimits(accountAudience(open), blueprint), rule)).toEqual([
      expect.objectContaining({ severity: "warning", actual: "unbounded", limit: 30 }),
    ]);
    const absolute: Condition = { kind: "event", types: ["Fill Out Form"], window: { from: { at: "2026-11-01" } } };
    expect(byRule(validateAudienceLimits(accountAudience(absolute), { profile: "blueprint" }), rule)).toEqual([
      expect.objectContaining({ severity: "warning", actual: "unknown" }),
    ]);
    expect(byRule(validateAudienceLimits(accountAudience(absolute), blueprint), rule)).toEqual([]);
  });

  it("accountAudience.eventOrdering: a sequence warns, plain events do not", () => {
    const sequence: Condition = {
      kind: "sequence",
      steps: [{ types: ["Visit Webpage"] }, { types: ["Fill Out Form"] }],
      within: { amount: 7, unit: "days" },
      window: { last: { amount: 30, unit: "days" } },
    };
    const findings = validateAudienceLimits(accountAudience({ kind: "and", conditions: [leaf(), sequence] }), blueprint);
    expect(byRule(findings, "accountAudience.eventOrdering")).toEqual([
      expect.objectContaining({ severity: "warning", path: "condition.conditions[1]", limit: false, actual: true }),
    ]);
    expect(byRule(validateAudienceLimits(accountAudience(visits(7)), blueprint), "accountAudience.eventOrdering")).toEqual([]);
    expect(validateAudienceLimits(personAudience(sequence), blueprint)).toEqual([]);
  });

  it("accountAudience.streaming: batch passes, streaming warns", () => {
    const audience = accountAudience(leaf());
    expect(validateAudienceLimits(audience, { ...blueprint, evaluation: "batch" })).toEqual([]);
    expect(validateAudienceLimits(audience, { ...blueprint, evaluation: "streaming" })).toEqual([
      expect.objectContaining({ ruleId: "accountAudience.streaming", severity: "warning" }),
    ]);
    expect(validateAudienceLimits(personAudience(leaf()), { ...blueprint, evaluation: "streaming" })).toEqual([]);
  });

  it("lists every offending place, not just the first", () => {
    const condition: Condition = { kind: "or", conditions: [valueList(51), { kind: "and", conditions: [valueList(60), wide(6)] }] };
    const findings = validateAudienceLimits(accountAudience(condition), blueprint);
    expect(byRule(findings, "accountAudience.valuesPerField").map((f) => [f.path, f.actual])).toEqual([
      ["condition.conditions[0]", 51],
      ["condition.conditions[1].conditions[0]", 60],
    ]);
    expect(byRule(findings, "accountAudience.rulesPerContainer").map((f) => f.path)).toEqual(["condition.conditions[1].conditions[1]"]);
  });
});

describe("per-set rules", () => {
  const accounts = (n: number) => Array.from({ length: n }, (_, i) => accountAudience(leaf(), `acc-${i}`));
  const persons = (n: number) => Array.from({ length: n }, (_, i) => personAudience(leaf("title", "CMO"), `per-${i}`));

  it("sandbox.accountAudiences: 49 and 50 pass, 51 is an error", () => {
    const rule = "sandbox.accountAudiences";
    expect(byRule(validateAudiences(accounts(49), blueprint), rule)).toEqual([]);
    expect(byRule(validateAudiences(accounts(50), blueprint), rule)).toEqual([]);
    expect(byRule(validateAudiences([...accounts(51), ...persons(3)], blueprint), rule)).toEqual([
      expect.objectContaining({ severity: "error", limit: 50, actual: 51, path: "(root)" }),
    ]);
    expect(validateAudiences(accounts(51), { profile: "relaxed" })).toEqual([]);
  });

  it("sandbox.audienceDefinitions: 3,999 and 4,000 pass, 4,001 is an error", () => {
    const rule = "sandbox.audienceDefinitions";
    expect(byRule(validateAudiences(persons(3999), blueprint), rule)).toEqual([]);
    expect(byRule(validateAudiences(persons(4000), blueprint), rule)).toEqual([]);
    expect(byRule(validateAudiences(persons(4001), blueprint), rule)).toEqual([expect.objectContaining({ severity: "error", limit: 4000, actual: 4001 })]);
  });

  it("reports an invalid definition as findings and still checks the others", () => {
    const bad = { id: "bad one", name: "", version: 0, type: "account", condition: { kind: "attribute", field: "x", op: "eq" } };
    const findings = validateAudiences([bad as never, accountAudience(valueList(51), "ok")], { ...blueprint, evaluation: { ok: "streaming" } });
    const invalid = byRule(findings, "audience.invalid");
    expect(invalid.length).toBeGreaterThanOrEqual(3);
    expect(invalid.every((f) => f.severity === "error" && f.path.startsWith("[0]"))).toBe(true);
    expect(invalid.map((f) => f.path)).toEqual(expect.arrayContaining(["[0].id", "[0].name", "[0].version"]));
    expect(byRule(findings, "accountAudience.valuesPerField")).toEqual([expect.objectContaining({ path: "[1].condition", audienceId: "ok" })]);
    expect(byRule(findings, "accountAudience.streaming")).toHaveLength(1);
  });
});

describe("bad input", () => {
  it("an invalid audience raises a ValidationError naming each problem", () => {
    let caught: unknown;
    try {
      validateAudienceLimits({ id: "", type: "team", condition: { kind: "nope" } } as never, blueprint);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const paths = (caught as ValidationError).problems.map((p) => p.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["id", "name", "version", "type"]));
  });

  it("an invalid now or profile raises a typed error", () => {
    expect(() => validateAudienceLimits(accountAudience(leaf()), { profile: "blueprint", now: "yesterday" })).toThrow(AbmKitError);
    expect(() => validateAudienceLimits(accountAudience(leaf()), { profile: "strict" as never })).toThrow(expect.objectContaining({ code: "UNKNOWN_PROFILE" }));
    expect(() => validateAudiences("nope" as never, blueprint)).toThrow(AbmKitError);
  });
});
