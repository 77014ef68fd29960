import { RE2JS } from "re2js";

/** The longest `matches` pattern, in characters. */
export const MAX_REGEX_LENGTH = 1000;
/** The largest bound of a counted repetition `{n,m}` (PostgreSQL's limit). */
export const MAX_REGEX_REPEAT = 255;
/** The most instructions a compiled pattern may have (keeps every engine's program small). */
const MAX_PROGRAM_SIZE = 10_000;

const PUNCTUATION = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
const CONTROL_ESCAPES = new Set(["t", "n", "r"]);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why `pattern` is not in the portable regular-expression subset, or undefined
 * when it is. The subset reads the same in RE2 (the batch and streaming
 * evaluators, DuckDB, BigQuery), PostgreSQL's ARE, Java (Spark) and POSIX
 * engines, and every engine matches it in time linear in the text:
 *
 * - literal characters; `.` (any character, line breaks included); `^` and `$`
 *   (start and end of the text);
 * - groups `( … )` and alternation `|`;
 * - quantifiers `*`, `+`, `?` and `{n}`, `{n,}`, `{n,m}` (n ≤ m ≤ 255) after a
 *   character, `.`, a bracket expression or a group — not after another
 *   quantifier (no lazy or possessive forms);
 * - bracket expressions `[abc]`, `[^abc]`, ranges `[a-z]`; `-` is literal first or last;
 * - escapes: `\` before ASCII punctuation (a literal), `\t`, `\n`, `\r`.
 *
 * Refused: `(?…)` groups and flags, back-references, lookaround, class escapes
 * (`\d`, `\w`, `\s` — write `[0-9]`, `[A-Za-z0-9_]`, `[ \t\n\r]`), `\b`,
 * Unicode classes, POSIX `[[:alpha:]]` classes, a literal `{` not escaped, and
 * patterns longer than {@link MAX_REGEX_LENGTH} characters.
 */
export function regexPatternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_REGEX_LENGTH) return `a pattern has at most ${MAX_REGEX_LENGTH} characters`;
  if (pattern.includes("\0")) return "a pattern cannot contain the NUL character";
  if (LONE_SURROGATE.test(pattern)) return "a pattern must be well-formed Unicode text (it has a lone surrogate)";
  const problem = subsetProblem(pattern);
  if (problem !== undefined) return problem;
  let program: RE2JS;
  try {
    program = RE2JS.compile(pattern, RE2JS.DOTALL);
  } catch (error) {
    return `not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (program.programSize() > MAX_PROGRAM_SIZE) return "the pattern is too large once its repetitions are expanded";
  return undefined;
}

/**
 * A linear-time test for a pattern of the portable subset (RE2 semantics: `.`
 * matches line breaks too, `^` / `$` are the ends of the text; the match may be
 * anywhere). Throws on a pattern outside the subset: validate first.
 */
export function compileRegex(pattern: string, caseInsensitive: boolean): (text: string) => boolean {
  const program = RE2JS.compile(pattern, RE2JS.DOTALL | (caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0));
  return (text) => program.test(text);
}

function subsetProblem(pattern: string): string | undefined {
  let depth = 0;
  /** Whether the last token can take a quantifier (a character, `.`, a bracket expression, a group). */
  let quantifiable = false;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    const at = `at position ${i + 1}`;
    switch (c) {
      case "\\": {
        const problem = escapeProblem(pattern, i);
        if (problem !== undefined) return problem;
        i += 2;
        quantifiable = true;
        continue;
      }
      case "(":
        if (pattern[i + 1] === "?") return `(?…) groups and flags are not supported (${at}); use a plain ( … ) group`;
        depth++;
        quantifiable = false;
        break;
      case ")":
        if (depth === 0) return `an unmatched ) ${at}`;
        depth--;
        quantifiable = true;
        break;
      case "|":
      case "^":
      case "$":
        quantifiable = false;
        break;
      case "*":
      case "+":
      case "?":
        if (!quantifiable) return `${c} ${at} follows nothing it can repeat (lazy and possessive quantifiers are not supported)`;
        quantifiable = false;
        break;
      case "{": {
        const bound = /^\{(\d{1,3})(,(\d{1,3})?)?\}/.exec(pattern.slice(i));
        if (bound === null) return `a literal { must be escaped as \\{ (${at})`;
        if (!quantifiable) return `the repetition ${bound[0]} ${at} follows nothing it can repeat`;
        const min = Number(bound[1]);
        const max = bound[3] === undefined ? min : Number(bound[3]);
        if (min > MAX_REGEX_REPEAT || max > MAX_REGEX_REPEAT) return `a repetition bound is at most ${MAX_REGEX_REPEAT} (${at})`;
        if (min > max) return `the repetition ${bound[0]} ${at} has min > max`;
        i += bound[0].length;
        quantifiable = false;
        continue;
      }
      case "[": {
        const end = bracketEnd(pattern, i);
        if (typeof end === "string") return end;
        i = end;
        quantifiable = true;
        continue;
      }
      default:
        quantifiable = true;
    }
    i++;
  }
  if (depth > 0) return "an unclosed ( group";
  return undefined;
}

function escapeProblem(pattern: string, i: number): string | undefined {
  const next = pattern[i + 1];
  if (next === undefined) return "the pattern ends with a lone \\";
  if (PUNCTUATION.has(next) || CONTROL_ESCAPES.has(next)) return undefined;
  const hint = next === "d" ? " (write [0-9])" : next === "w" ? " (write [A-Za-z0-9_])" : next === "s" ? " (write [ \\t\\n\\r])" : "";
  return `the escape \\${next} at position ${i + 1} is not supported${hint}; only \\ before punctuation, \\t, \\n and \\r are`;
}

/** The index after the bracket expression starting at `start`, or why it is not in the subset. */
function bracketEnd(pattern: string, start: number): number | string {
  let i = start + 1;
  if (pattern[i] === "^") i++;
  const first = i;
  /** The previous item when it was a single character that may start a range. */
  let previous: number | undefined;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "]") {
      if (i === first) return `an empty bracket expression at position ${start + 1} (escape a literal ] as \\])`;
      return i + 1;
    }
    if (c === "[") return `a [ inside a bracket expression must be escaped as \\[ (position ${i + 1}); POSIX classes like [:alpha:] are not supported`;
    if (c === "&" && pattern[i + 1] === "&") return `&& inside a bracket expression must be written \\&\\& (position ${i + 1})`;
    let code: number;
    let width: number;
    if (c === "\\") {
      const problem = escapeProblem(pattern, i);
      if (problem !== undefined) return problem;
      const escaped = pattern[i + 1]!;
      code = escaped === "t" ? 9 : escaped === "n" ? 10 : escaped === "r" ? 13 : escaped.codePointAt(0)!;
      width = 2;
    } else {
      code = pattern.codePointAt(i)!;
      width = code > 0xffff ? 2 : 1;
    }
    if (c === "-" && i !== first && pattern[i + 1] !== "]") {
      if (previous === undefined) return `a - at position ${i + 1} must be escaped as \\- (or put first or last)`;
      const hi = rangeEnd(pattern, i + 1);
      if (typeof hi === "string") return hi;
      if (hi.code < previous) return `the range ending at position ${i + 2} is out of order`;
      i = hi.next;
      previous = undefined;
      continue;
    }
    previous = code;
    i += width;
  }
  return `an unclosed [ at position ${start + 1}`;
}

function rangeEnd(pattern: string, i: number): { code: number; next: number } | string {
  const c = pattern[i];
  if (c === undefined) return "an unclosed [ bracket expression";
  if (c === "[") return `a [ inside a bracket expression must be escaped as \\[ (position ${i + 1})`;
  if (c === "\\") {
    const problem = escapeProblem(pattern, i);
    if (problem !== undefined) return problem;
    const escaped = pattern[i + 1]!;
    return { code: escaped === "t" ? 9 : escaped === "n" ? 10 : escaped === "r" ? 13 : escaped.codePointAt(0)!, next: i + 2 };
  }
  const code = pattern.codePointAt(i)!;
  return { code, next: i + (code > 0xffff ? 2 : 1) };
}
