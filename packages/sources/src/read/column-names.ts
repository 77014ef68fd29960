import type { FileReport } from "./file-report.js";

/**
 * Distinct names for the columns of a CSV header, so no column hides another:
 * names are trimmed; an unnamed column is `column N` (its 1-based position); a
 * name that repeats keeps its name on the first column and gives the others
 * `Name (2)`, `Name (3)`, … (skipping names the header already has). Each
 * renaming is a warning on the header's line.
 */
export function distinctColumnNames(header: readonly string[], line: number, report: FileReport): string[] {
  const given = header.map((n) => n.trim());
  const taken = new Set(given);
  const fresh = (base: string, first: number) => {
    let k = first;
    let name = first === 1 ? base : `${base} (${k})`;
    while (taken.has(name)) name = `${base} (${++k})`;
    taken.add(name);
    return name;
  };
  const names: string[] = [];
  const copies = new Map<string, { positions: number[]; renamed: string[] }>();
  given.forEach((name, i) => {
    if (name === "") {
      const named = fresh(`column ${i + 1}`, 1);
      names.push(named);
      report.problems.push({
        file: report.file,
        line,
        field: named,
        severity: "warning",
        code: "unnamed_column",
        message: `column ${i + 1} has no name in the header; it is read as ${named}`,
      });
      return;
    }
    const seen = copies.get(name);
    if (seen === undefined) {
      copies.set(name, { positions: [i + 1], renamed: [] });
      names.push(name);
      return;
    }
    const named = fresh(name, 2);
    seen.positions.push(i + 1);
    seen.renamed.push(named);
    names.push(named);
  });
  for (const [name, { positions, renamed }] of copies) {
    if (renamed.length === 0) continue;
    const where = `${positions.slice(0, -1).join(", ")} and ${positions.at(-1)}`;
    report.problems.push({
      file: report.file,
      line,
      field: name,
      severity: "warning",
      code: "duplicate_column",
      message: `the header names ${name} ${positions.length} times (columns ${where}); the first is read as ${name}, the others as ${renamed.join(", ")}`,
    });
  }
  return names;
}

/** The name a JSON key that is the empty string is read under (the identity graph needs named attributes). */
export const EMPTY_KEY_NAME = "(empty key)";
