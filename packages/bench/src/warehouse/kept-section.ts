/** A section of docs/benchmarks.md between two marker comments, kept when `pnpm bench` rewrites the report. */
export interface MarkedSection {
  readonly start: string;
  readonly end: string;
}

/** The warehouse figure's section. */
export const WAREHOUSE_SECTION: MarkedSection = { start: "<!-- warehouse:start -->", end: "<!-- warehouse:end -->" };

/** `markdown` with the section `marks` of `previous` appended (or put in place of its own), if `previous` has one. */
export function withKeptSection(markdown: string, previous: string, marks: MarkedSection): string {
  const from = previous.indexOf(marks.start);
  const to = previous.indexOf(marks.end);
  if (from < 0 || to < from) return markdown;
  const section = previous.slice(from, to + marks.end.length);
  const start = markdown.indexOf(marks.start);
  const end = markdown.indexOf(marks.end);
  if (start >= 0 && end > start) return markdown.slice(0, start) + section + markdown.slice(end + marks.end.length);
  return `${markdown.trimEnd()}\n\n${section}\n`;
}
