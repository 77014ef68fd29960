/**
 * `pattern` with every capturing group but the `group`-th (1-based, counted by
 * opening parenthesis) made non-capturing, for engines whose extract function
 * takes a pattern of at most one group (BigQuery's `REGEXP_EXTRACT`).
 * Escapes and character classes are copied as they are.
 */
export function singleGroupPattern(pattern: string, group: number): string {
  let out = "";
  let count = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      out += pattern.slice(i, i + 2);
      i++;
    } else if (c === "[") {
      // a class runs to the first `]` that is not its first character nor escaped
      let j = i + 1;
      if (pattern[j] === "^") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
      out += pattern.slice(i, j + 1);
      i = j;
    } else if (c === "(" && pattern[i + 1] !== "?") {
      count++;
      out += count === group ? "(" : "(?:";
    } else out += c;
  }
  return out;
}
