import { closeSync, openSync, writeSync } from "node:fs";

const needsQuotes = /[",\n\r]|^\s|\s$/;

/** One CSV cell as an exporter writes it: blank for missing, quoted when it holds a comma, quote, line break or edge space. */
export function cell(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return "";
  const text = String(value);
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes a CSV file row by row through a 1 MB buffer (never the whole file in memory); returns its size in bytes. */
export function writeCsv(path: string, header: readonly string[], rows: Iterable<readonly (string | number | boolean | undefined | null)[]>): number {
  const fd = openSync(path, "w");
  let buffer = `${header.map(cell).join(",")}\n`;
  let bytes = 0;
  const flush = () => {
    bytes += writeSync(fd, buffer);
    buffer = "";
  };
  try {
    for (const row of rows) {
      buffer += `${row.map(cell).join(",")}\n`;
      if (buffer.length > 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}
