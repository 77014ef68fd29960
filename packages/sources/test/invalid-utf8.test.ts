import { describe, expect, it } from "vitest";
import { loadExports, readMarketoJson, readSalesforceCsv } from "../src/index.js";
import { tempFiles } from "./support/temp-files.js";

const files = tempFiles();
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));
const LATIN1_U_UMLAUT = [0xfc]; // "ü" as Windows-1252 / Latin-1 writes it: not UTF-8
const REPLACEMENT_CHARACTER_UTF8 = [0xef, 0xbf, 0xbd]; // a real U+FFFD, written correctly

describe("invalid UTF-8 is a warning naming the line; the record loads with U+FFFD in place of the bad bytes", () => {
  it("Salesforce CSV: a Latin-1 byte on line 3 is reported with its line and column; a genuine U+FFFD is not", async () => {
    const path = files.write(
      "Account.csv",
      bytes(
        "Id,Name,BillingCountry\n001Hs00001AcmeAIAR,Acme,United States\n001Hs00001MuelCIAR,M",
        LATIN1_U_UMLAUT,
        "ller,Germany\n001Hs00001BetaBIAR,Beta ",
        REPLACEMENT_CHARACTER_UTF8,
        ",United Kingdom\n",
      ),
    );
    const { batch, report } = await readSalesforceCsv("Account", { path });
    expect(report).toMatchObject({ read: 3, loaded: 3, rejected: 0 });
    expect(report.problems).toEqual([expect.objectContaining({ line: 3, field: "Name", code: "invalid_utf8", severity: "warning" })]);
    expect(batch.accounts!.map((a) => a.account.name)).toEqual(["Acme", "M\uFFFDller", "Beta \uFFFD"]);
  });

  it("a bad byte on the second line of a quoted multi-line value names the record's line and the file line", async () => {
    const path = files.write(
      "Contact.csv",
      bytes('Id,LastName,Description\n003Hs00002JaneDIAR,Doe,"first line\nsecond ', [0xc3, 0x28], ' line"\n003Hs00002AnnaFIAR,Fischer,\n'),
    );
    const { report } = await readSalesforceCsv("Contact", { path });
    expect(report).toMatchObject({ read: 2, loaded: 2, rejected: 0 });
    expect(report.problems).toEqual([expect.objectContaining({ line: 2, field: "Description", code: "invalid_utf8" })]);
    expect(report.problems[0]!.message).toContain("line 3");
  });

  it("a bad byte in the header is reported on line 1 with the column", async () => {
    const path = files.write("Account.csv", bytes("Id,Name,Gr", [0xf6], "sse__c\n001Hs00001AcmeAIAR,Acme,1\n"));
    const { report } = await readSalesforceCsv("Account", { path });
    expect(report.problems.filter((p) => p.code === "invalid_utf8")).toEqual([expect.objectContaining({ line: 1, field: "Gr\uFFFDsse__c" })]);
  });

  it("line numbers stay right across read chunks: characters and CRLF split at the 64 KiB boundary are fine", async () => {
    const header = "Id,Name\r\n";
    const lines: string[] = [];
    let size = Buffer.byteLength(header);
    let n = 0;
    const id = (i: number) => `001Hs${String(i).padStart(10, "0")}`;
    // fill to just before the first chunk boundary (65536 bytes), then put a 3-byte "€" across it
    while (size < 65_536 - 80) {
      const line = `${id(n++)},Company ${n}\r\n`;
      lines.push(line);
      size += Buffer.byteLength(line);
    }
    const prefix = `${id(n++)},`;
    const pad = "x".repeat(65_536 - size - Buffer.byteLength(prefix) - 1);
    lines.push(`${prefix}${pad}€\r\n`); // bytes 65535..65537 hold the euro sign
    size += Buffer.byteLength(lines.at(-1)!);
    // a CRLF split at the second boundary (131072): the CR is its last byte
    while (size < 131_072 - 60) {
      const line = `${id(n++)},Company ${n}\r\n`;
      lines.push(line);
      size += Buffer.byteLength(line);
    }
    const prefix2 = `${id(n++)},`;
    lines.push(`${prefix2}${"y".repeat(131_072 - size - Buffer.byteLength(prefix2) - 1)}\r\n`);
    const badLine = lines.length + 2; // header is line 1
    const path = files.write(
      "Account.csv",
      Buffer.concat([Buffer.from(header + lines.join("")), bytes(`${id(n++)},Caf`, [0xe9], "\r\n", `${id(n++)},Last\r\n`)]),
    );
    const { report } = await readSalesforceCsv("Account", { path });
    expect(report).toMatchObject({ read: lines.length + 2, loaded: lines.length + 2, rejected: 0 });
    expect(report.problems.filter((p) => p.code !== "unknown_column")).toEqual([
      expect.objectContaining({ line: badLine, field: "Name", code: "invalid_utf8" }),
    ]);
  });

  it("Marketo REST JSON: a bad byte is a warning with its line in the file", async () => {
    const path = files.write(
      "leads.json",
      bytes(
        '{\n  "success": true,\n  "result": [\n    { "id": 1001, "lastName": "M',
        LATIN1_U_UMLAUT,
        'ller" },\n    { "id": 1002, "lastName": "Lane" }\n  ]\n}\n',
      ),
    );
    const { batch, report } = await readMarketoJson("leads", { path });
    expect(report).toMatchObject({ read: 2, loaded: 2, rejected: 0 });
    expect(report.problems).toEqual([expect.objectContaining({ line: 4, code: "invalid_utf8", severity: "warning" })]);
    expect(batch.persons![0]!.person.lastName).toBe("M\uFFFDller");
  });

  it("loadExports reports it per file", async () => {
    const path = files.write("leads.csv", bytes("id,email,lastName\n1001,jane@acme.com,Doe\n1002,anna@mueller.de,M", LATIN1_U_UMLAUT, "ller\n"));
    const { reports } = await loadExports([{ source: "marketo", export: "leads", path }]);
    expect(reports[0]!.problems).toEqual([expect.objectContaining({ file: "leads.csv", line: 3, field: "lastName", code: "invalid_utf8" })]);
  });
});
