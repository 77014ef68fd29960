/** One CSV cell: quoted when it holds a comma, a quote or a line break; `undefined`/`null` is blank. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file: header and rows, with the given line end (Salesforce exports use CRLF). */
export function csvText(header: readonly string[], rows: readonly Record<string, unknown>[], lineEnd: "\r\n" | "\n"): string {
  const lines = [header.join(","), ...rows.map((row) => header.map((h) => csvCell(row[h])).join(","))];
  return lines.join(lineEnd) + lineEnd;
}
