import { createReadStream, createWriteStream } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/** How many records (after the header) {@link numberCsvRecords} numbered. */
export interface NumberedCsv {
  readonly records: number;
}

/**
 * Writes a copy of a CSV file with its record number as a first column
 * (`_record` in the header, then 1, 2, … for the records), for engines whose
 * loads keep no file order (BigQuery's `LOAD DATA`, see `rawCsvLoadSql`).
 * Records are told apart as RFC 4180 reads them: a line end inside a quoted
 * field stays in the record; lines end at LF, CRLF or a lone CR; empty lines
 * are left out and not counted; a leading byte-order mark is dropped.
 */
export async function numberCsvRecords(inputPath: string, outputPath: string): Promise<NumberedCsv> {
  let next = 0; // 0 is the header
  let quoted = false;
  let atStart = true;
  let lastWasCr = false;
  let crKept = false;
  let first = true;
  const numbering = new Transform({
    decodeStrings: false,
    transform(chunk: string, _encoding, done) {
      let out = "";
      let i = 0;
      if (first) {
        first = false;
        if (chunk.charCodeAt(0) === 0xfeff) i = 1;
      }
      for (; i < chunk.length; i++) {
        const c = chunk[i]!;
        if (!quoted && (c === "\n" || c === "\r")) {
          if (c === "\n" && lastWasCr) {
            // the LF of a CRLF: kept with its CR
            if (crKept) out += c;
            lastWasCr = false;
            continue;
          }
          // a line end ends the record; at a record's start it ends an empty line, which is dropped
          const kept = !atStart;
          if (kept) out += c;
          lastWasCr = c === "\r";
          crKept = kept;
          atStart = true;
          continue;
        }
        lastWasCr = false;
        if (atStart) {
          out += next === 0 ? "_record," : `${next},`;
          next++;
          atStart = false;
        }
        if (c === '"') quoted = !quoted;
        out += c;
      }
      done(null, out);
    },
  });
  await pipeline(createReadStream(inputPath, { encoding: "utf8" }), numbering, createWriteStream(outputPath, { encoding: "utf8" }));
  return { records: Math.max(0, next - 1) };
}
