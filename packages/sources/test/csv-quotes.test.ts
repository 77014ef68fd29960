import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsv, readMappedCsv, readSalesforceCsv } from "../src/index.js";
import { createFileReport } from "../src/internal/index.js";
import { tempFiles } from "./support/temp-files.js";

const files = tempFiles();

describe("malformed quotes: each bad record is one rejected record on its own line, the rest loads", () => {
  it('a space before a quote (` "abc"`) rejects that record only: read 3, loaded 2, rejected 1', async () => {
    const path = files.write(
      "Account.csv",
      'Id,Name,Industry\n001Hs00001AcmeAIAR, "Acme",Software\n001Hs00001BetaBIAR,Beta,Banking\n001Hs00001MuelCIAR,Müller,Manufacturing\n',
    );
    const { batch, report } = await readSalesforceCsv("Account", { path });
    expect(report).toMatchObject({ read: 3, loaded: 2, rejected: 1 });
    expect(report.problems).toEqual([expect.objectContaining({ line: 2, field: "Name", code: "invalid_csv", severity: "error" })]);
    expect(batch.accounts!.map((a) => a.origin?.line)).toEqual([3, 4]);
  });

  it("text after a closing quote rejects that line only; the next records load", async () => {
    const path = files.write(
      "Contact.csv",
      'Id,LastName,Email\r\n003Hs00002JaneDIAR,Doe,jane@acme.com\r\n003Hs00002BobsEIAR,"Sm"ith,bob@beta.co.uk\r\n003Hs00002AnnaFIAR,"Fischer, Anna",anna@mueller.de\r\n',
    );
    const { batch, report } = await readSalesforceCsv("Contact", { path });
    expect(report).toMatchObject({ read: 3, loaded: 2, rejected: 1 });
    expect(report.problems).toEqual([expect.objectContaining({ line: 3, field: "LastName", code: "invalid_csv" })]);
    expect(batch.persons!.map((p) => p.person.lastName)).toEqual(["Doe", "Fischer, Anna"]);
  });

  it("a quote never closed rejects the line it opens on; reading goes on with the next line", async () => {
    const path = files.write(
      "Contact.csv",
      'Id,LastName,Email\n003Hs00002JaneDIAR,Doe,jane@acme.com\n003Hs00002YyyyYIAR,"Never closed,y@m.de\n003Hs00002XxxxXIAR,Lost,x@m.de\n003Hs00002WwwwWIAR,Found,w@m.de\n',
    );
    const { batch, report } = await readSalesforceCsv("Contact", { path });
    expect(report).toMatchObject({ read: 4, loaded: 3, rejected: 1 });
    expect(report.problems).toEqual([expect.objectContaining({ line: 3, field: "LastName", code: "invalid_csv" })]);
    expect(report.problems[0]!.message).toContain("never closed");
    expect(batch.persons!.map((p) => p.origin?.line)).toEqual([2, 4, 5]);
  });

  it("a malformed record inside a quoted multi-line value reports the lines it spans", async () => {
    const path = files.write("Contact.csv", 'Id,LastName,Description\n003Hs00002JaneDIAR,Doe,"two\nlines"x\n003Hs00002AnnaFIAR,Fischer,ok\n');
    const { report } = await readSalesforceCsv("Contact", { path });
    expect(report).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect(report.problems).toEqual([expect.objectContaining({ line: 2, field: "Description", code: "invalid_csv" })]);
    expect(report.problems[0]!.message).toContain("lines 2-3");
  });

  it("a header that is not valid CSV is one error, and every record after it is counted as rejected", async () => {
    const path = files.write("Account.csv", 'Id,"Name"x,Industry\n001Hs00001AcmeAIAR,Acme,Software\n001Hs00001BetaBIAR,Beta,Banking\n');
    const { batch, report } = await readSalesforceCsv("Account", { path });
    expect(report).toMatchObject({ read: 2, loaded: 0, rejected: 2 });
    expect(report.problems).toEqual([expect.objectContaining({ line: 1, code: "invalid_csv", severity: "error" })]);
    expect(report.problems[0]!.message).toContain("none of the 2 records");
    expect(batch.accounts).toBeUndefined();
  });

  it("a file with CR line ends (classic Mac Excel) reads every record on its line", async () => {
    const path = files.write("Account.csv", 'Id,Name\r001Hs00001AcmeAIAR,"Acme\rInc."\r001Hs00001BetaBIAR,Beta\r');
    const { batch, report } = await readSalesforceCsv("Account", { path });
    expect(report).toMatchObject({ read: 2, loaded: 2, rejected: 0 });
    expect(batch.accounts!.map((a) => [a.origin?.line, a.account.name])).toEqual([
      [2, "Acme\nInc."],
      [4, "Beta"],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// properties

const HEADER = ["id", "a", "b"];
const needsQuotes = (v: string) => /[",\n]/.test(v) || v.startsWith(" ");
const quote = (v: string) => (needsQuotes(v) ? `"${v.replace(/"/g, '""')}"` : v);
const cell = fc.string({ unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "é", "€", "😀"), maxLength: 6 });
const plainCell = fc.string({ unit: fc.constantFrom("a", "b", "é", "€", "😀"), maxLength: 6 });
/** One-line records that are not valid CSV, each with the column its problem is in (undefined for a field count). */
const BAD_LINES: readonly [string, string | undefined][] = [
  ['x, "abc",y', "a"],
  ['x,"ab"c,y', "a"],
  ['x,ab"c,y', "a"],
  ["x,y", undefined],
  ["x,y,z,w", undefined],
];
const record = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(cell, cell, cell).map((values) => ({ good: true as const, values })) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_LINES).map(([text, field]) => ({ good: false as const, text, field })) },
);

/** Writes the records as a file and what a reader must find in it: every record, its line, and the bad ones. */
function csvFile(
  records: readonly ({ good: true; values: string[] } | { good: false; text: string; field: string | undefined })[],
  eol: string,
  unclosedTail: readonly string[][] | undefined,
) {
  let text = HEADER.join(",") + eol;
  let line = 2;
  const expected: { line: number; values?: string[]; field?: string | undefined }[] = [];
  const add = (recordText: string, entry: { values?: string[]; field?: string | undefined }) => {
    expected.push({ line, ...entry });
    text += recordText + eol;
    line += 1 + (recordText.match(/\n/g)?.length ?? 0);
  };
  for (const r of records) {
    if (r.good) add(r.values.map(quote).join(",").replace(/\n/g, eol), { values: r.values });
    else add(r.text, { field: r.field });
  }
  if (unclosedTail) {
    add('x,"never closed,y', { field: "a" });
    for (const values of unclosedTail) add(values.join(","), { values });
  }
  return { text, expected };
}

describe("CSV records (property)", () => {
  it("read = records in the file, every bad record rejected on its own line, every good one loaded with its values and line", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 12 }),
        fc.constantFrom("\n", "\r\n"),
        fc.option(fc.array(fc.tuple(plainCell, plainCell, plainCell), { maxLength: 3 }), { nil: undefined }),
        async (records, eol, unclosedTail) => {
          const { text, expected } = csvFile(records, eol, unclosedTail);
          const path = files.write("records.csv", text);
          const report = createFileReport("records.csv", "test");
          const { header, rows } = await readCsv({ path }, report);
          expect(header).toEqual(HEADER);
          const good = expected.filter((e) => e.values !== undefined);
          const bad = expected.filter((e) => e.values === undefined);
          expect(rows.map((r) => r.line)).toEqual(good.map((e) => e.line));
          expect(rows.map((r) => HEADER.map((h) => r.values[h]))).toEqual(good.map((e) => e.values));
          expect(report.rejected).toBe(bad.length);
          expect(report.read).toBe(bad.length);
          expect(report.problems.map((p) => [p.line, p.field])).toEqual(bad.map((e) => [e.line, e.field]));
          // through a reader, the report counts every record once
          const mapped = await readMappedCsv({ path }, { entity: "account", system: "test", idColumn: "id" });
          expect(mapped.report.read).toBe(expected.length);
          expect(mapped.report.loaded + mapped.report.rejected).toBe(expected.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("valid CSV reads exactly as csv-parse reads it (LF and CRLF, BOM, quoted line breaks)", async () => {
    const body = fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", " ", "é"), maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), fc.boolean(), async (text, crlf, bom) => {
        const eol = crlf ? "\r\n" : "\n";
        const content = (bom ? "\uFEFF" : "") + `h1,h2,h3\n${text}`.replace(/\n/g, eol);
        let expected: string[][];
        try {
          expected = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
        } catch {
          return; // not valid CSV for csv-parse either: the first property covers bad records
        }
        const [head, ...records] = expected.map((r) => r.map((v) => v.replace(/\r\n/g, "\n")));
        const report = createFileReport("valid.csv", "test");
        const { header, rows } = await readCsv({ path: files.write("valid.csv", content) }, report);
        expect(header).toEqual(head);
        expect(rows.map((r) => header.map((h) => r.values[h]))).toEqual(records.filter((r) => r.length === 3));
        // records with another number of fields are rejected, one problem each
        expect(report.problems.map((p) => p.code)).toEqual(records.filter((r) => r.length !== 3).map(() => "field_count"));
        expect(report.rejected).toBe(records.filter((r) => r.length !== 3).length);
      }),
      { numRuns: 300 },
    );
  });
});
