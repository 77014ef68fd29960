import { ValidationError } from "@abm-kit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStreamingEvaluator, evaluate, regexPatternProblem, validateAudience } from "../src/index.js";
import { NOW, fixtureSnapshot, personAudience } from "./fixtures.js";

const titled = (title: string) => fixtureSnapshot((input) => ({ ...input, persons: [...input.persons!, { id: "P9", email: "p9@acme.com", title }] }));
const matching = (value: string, caseInsensitive?: boolean) =>
  personAudience({ kind: "attribute", field: "title", op: "matches", value, ...(caseInsensitive === undefined ? {} : { caseInsensitive }) });

describe("matches: catastrophic patterns cannot stop the engine", () => {
  it("^(a+)+$ on a 26-character title returns at once (a backtracking engine takes seconds)", () => {
    const snapshot = titled(`${"a".repeat(26)}!`);
    const started = performance.now();
    expect(evaluate(matching("^(a+)+$"), snapshot, { now: NOW }).memberIds).toEqual([]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("^(a+)+$ on a 36-character title, and (x+x+)+y on 10,000 characters, in batch and streaming", () => {
    for (const [pattern, title] of [
      ["^(a+)+$", `${"a".repeat(36)}!`],
      ["(x+x+)+y", "x".repeat(10_000)],
      ["^(a|a)*$", `${"a".repeat(5_000)}b`],
    ] as const) {
      const snapshot = titled(title);
      const started = performance.now();
      expect(evaluate(matching(pattern), snapshot, { now: NOW }).memberIds).toEqual([]);
      expect(createStreamingEvaluator(snapshot, [matching(pattern)], { now: NOW }).members("test")).toEqual([]);
      expect(performance.now() - started).toBeLessThan(2_000);
    }
    expect(evaluate(matching("^(a+)+$"), titled("a".repeat(36)), { now: NOW }).memberIds).toEqual(["P9"]);
  });
});

describe("matches: the portable subset", () => {
  const refused: Array<[string, RegExp]> = [
    ["\\d+", /\\d .*\[0-9\]/],
    ["\\bCMO\\b", /\\b/],
    ["(?i)cmo", /\(\?…\)/],
    ["(?:a|b)", /\(\?…\)/],
    ["(a)\\1", /\\1/],
    ["a(?=b)", /\(\?…\)/],
    ["a*?", /lazy/],
    ["a++", /lazy and possessive/],
    ["[[:alpha:]]", /POSIX/],
    ["[a&&b]", /&&/],
    ["a{1,256}", /at most 255/],
    ["a{3,2}", /min > max/],
    ["a{", /\\\{/],
    ["^*", /follows nothing/],
    ["(", /unclosed/],
    ["a)", /unmatched/],
    ["[z-a]", /out of order/],
    ["[a-c-e]", /\\-/],
    ["[]", /empty/],
    ["\\p{L}", /\\p/],
    ["a\u0000", /NUL/],
    ["\uD800", /surrogate/],
  ];
  it.each(refused)("refuses %j, saying why", (pattern, why) => {
    expect(regexPatternProblem(pattern)).toMatch(why);
  });

  it("refuses a pattern longer than 1,000 characters", () => {
    expect(regexPatternProblem("x".repeat(1001))).toMatch(/1000 characters/);
    expect(regexPatternProblem("x".repeat(1000))).toBeUndefined();
  });

  it("a refused pattern is a validation error at the condition's value", () => {
    try {
      validateAudience(matching("\\d{3}"));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems).toEqual([expect.objectContaining({ path: ["condition", "value"], code: "unsupported_regex" })]);
    }
  });

  it("accepts what real definitions use", () => {
    for (const pattern of [
      "^(S|H)[a-z]+e$",
      "^VP( of)? Marketing$",
      "[0-9]{3}-[0-9]{4}",
      "\\.(com|io)$",
      "^[^@]+@acme\\.com$",
      "C[MI]O",
      "a.b",
      "^$",
      "",
      "[-a-z]",
      "[a-z-]",
      "[\\]\\[]",
      "Ü(ber|nter)",
      "😀+",
      "a{2}",
      "a{2,}",
      "a{0,255}",
      "\\t\\n\\r",
      "a]}",
    ]) {
      expect(regexPatternProblem(pattern)).toBeUndefined();
    }
  });

  it(". matches line breaks; ^ and $ are the ends of the text; a match may be anywhere", () => {
    const snapshot = titled("Head of\nMarketing");
    expect(evaluate(matching("of.Marketing"), snapshot, { now: NOW }).memberIds).toContain("P9");
    expect(evaluate(matching("of$"), snapshot, { now: NOW }).memberIds).not.toContain("P9");
    expect(evaluate(matching("^Marketing"), snapshot, { now: NOW }).memberIds).not.toContain("P9");
    expect(evaluate(matching("keti"), snapshot, { now: NOW }).memberIds).toContain("P9");
    expect(evaluate(matching("HEAD OF", true), snapshot, { now: NOW }).memberIds).toContain("P9");
  });

  /** Patterns of the subset, built from its parts. */
  const atom = fc.oneof(
    fc.constantFrom("a", "b", "A", ".", "\\.", "\\-", "[ab]", "[^a]", "[a-c]", "[A-Z]", "\\n", "é"),
    fc.constantFrom("(a|b)", "(ab)", "(a|)"),
  );
  const quantified = fc.tuple(atom, fc.constantFrom("", "", "*", "+", "?", "{2}", "{1,3}", "{0,}")).map(([a, q]) => a + q);
  const subsetPattern = fc
    .tuple(
      fc.boolean(),
      fc.array(quantified, { minLength: 1, maxLength: 5 }),
      fc.boolean(),
      fc.option(fc.array(quantified, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    )
    .map(([start, body, end, alt]) => `${start ? "^" : ""}${body.join("")}${alt ? `|${alt.join("")}` : ""}${end ? "$" : ""}`);
  const text = fc.array(fc.constantFrom("a", "b", "c", "A", "B", ".", "-", "\n", "é", "x"), { maxLength: 8 }).map((cs) => cs.join(""));

  it("property: every generated subset pattern is accepted and means what a JavaScript RegExp with the s flag means (texts of BMP characters)", () => {
    fc.assert(
      fc.property(subsetPattern, fc.array(text, { minLength: 1, maxLength: 6 }), fc.boolean(), (pattern, titles, caseInsensitive) => {
        expect(regexPatternProblem(pattern)).toBeUndefined();
        const snapshot = fixtureSnapshot((input) => ({ ...input, persons: titles.map((title, i) => ({ id: `Q${i}`, email: `q${i}@x.io`, title })) }));
        const oracle = new RegExp(pattern, caseInsensitive ? "is" : "s");
        const expected = titles.flatMap((title, i) => (oracle.test(caseInsensitive ? title.toLowerCase() : title) ? [`Q${i}`] : []));
        const got = evaluate(matching(pattern, caseInsensitive), snapshot, { now: NOW }).memberIds;
        expect(got).toEqual(expected.sort());
        expect(createStreamingEvaluator(snapshot, [matching(pattern, caseInsensitive)], { now: NOW }).members("test")).toEqual(got);
      }),
      { numRuns: 150 },
    );
  });
});
