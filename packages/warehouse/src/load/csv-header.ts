import { open } from "node:fs/promises";
import { ValidationError } from "@abm-kit/core";

/** Splits the first CSV record of a text (RFC 4180 quoting); `undefined` while the record is not complete. */
function firstRecord(text: string): string[] | undefined {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      fields.push(field);
      return fields;
    } else field += c;
  }
  return undefined;
}

/**
 * The column names of a CSV file's header, trimmed (a leading byte-order mark
 * dropped). A header with an unnamed or repeated column raises a
 * `ValidationError`: the in-memory readers rename such columns, the SQL loader
 * does not.
 */
export async function readCsvHeader(path: string): Promise<string[]> {
  const handle = await open(path, "r");
  try {
    let text = "";
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      text += buffer.subarray(0, bytesRead).toString("utf8");
      const record = firstRecord(bytesRead === 0 ? `${text}\n` : text);
      if (record !== undefined || bytesRead === 0)
        return checkHeader(
          path,
          (record ?? []).map((n, i) => (i === 0 ? n.replace(/^\uFEFF/, "") : n).trim()),
        );
    }
  } finally {
    await handle.close();
  }
}

function checkHeader(path: string, names: string[]): string[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === "") problems.push({ path: ["header", i + 1], message: `column ${i + 1} has no name` });
    else if (seen.has(name.toLowerCase()))
      problems.push({ path: ["header", i + 1], message: `column ${name} is named twice (names are compared without case in SQL)` });
    seen.add(name.toLowerCase());
  });
  if (names.length === 0) problems.push({ path: ["header"], message: "the file has no header" });
  if (problems.length > 0) throw new ValidationError(`the CSV header of ${path}`, problems);
  return names;
}
