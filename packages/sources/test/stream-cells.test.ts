import fc from "fast-check";
import type { IdentityBatch } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import { marketoSpec, readMarketoCsv, readSalesforceCsv, salesforceSpec } from "../src/index.js";
import { createFileReport } from "../src/read/file-report.js";
import { streamMappedCsv } from "../src/read/stream-mapped-csv.js";

/** Cells that exercise the mapper: blanks, good and bad ids, booleans, instants, numbers, quotes, a prototype name. */
const cell = fc.oneof(
  fc.constantFrom(
    "",
    "  ",
    "0035g0000000001AAA",
    "0035g0000000001",
    "0035g0000000001AAB",
    "003",
    "true",
    "false",
    "maybe",
    "2026-03-01T09:30:00.000Z",
    "2026-02-30T09:30:00.000Z",
    "2026-03-01 10:30:00+01:00",
    "12",
    "1.5",
    "x@y.com",
    "constructor",
    "a;b; c",
  ),
  fc.string({ maxLength: 6 }),
);
const quote = (v: string) => (/[",\r\n]/.test(v) || v.startsWith(" ") ? `"${v.replace(/"/g, '""')}"` : v);

/** CSV text with a header of some standard and some extra columns (a prototype name among them), and rows of those cells (sometimes one cell short). */
function csv(standard: readonly string[]) {
  const extras = ["Tier__c", "constructor", "Notes"];
  return fc
    .tuple(
      fc.subarray([...standard, ...extras], { minLength: 1 }),
      fc.array(fc.tuple(fc.array(cell, { minLength: 10, maxLength: 10 }), fc.boolean()), { maxLength: 25 }),
    )
    .map(([columns, rows]) =>
      [
        columns.join(","),
        ...rows.map(([cells, short]) =>
          columns
            .map((_, i) => quote(cells[i]!))
            .slice(0, short && columns.length > 1 ? -1 : undefined)
            .join(","),
        ),
      ].join("\n"),
    );
}

async function streamed(text: string, spec: ReturnType<typeof salesforceSpec>, name: string, chunkRows: number) {
  const report = createFileReport(name, spec.kind);
  const merged: Record<string, unknown[]> = {};
  let fields: IdentityBatch["fields"];
  await streamMappedCsv(
    { text, name },
    spec,
    report,
    {},
    (batch) => {
      for (const [part, records] of Object.entries(batch)) {
        if (part === "fields") fields = batch.fields;
        else (merged[part] ??= []).push(...(records as unknown[]));
      }
    },
    { chunkRows },
  );
  return { report, batch: { ...merged, ...(fields ? { fields } : {}) } };
}

const nonEmpty = (batch: IdentityBatch) => Object.fromEntries(Object.entries(batch).filter(([, v]) => !Array.isArray(v) || v.length > 0));

describe("CSV records mapped from cells by position", () => {
  it("give the same records and reports as the same file's rows read whole, for any cells", async () => {
    const contact = ["Id", "AccountId", "Email", "FirstName", "HasOptedOutOfEmail", "CreatedDate"];
    await fc.assert(
      fc.asyncProperty(csv(contact), fc.constantFrom(1, 3, 1000), async (text, chunkRows) => {
        const whole = await readSalesforceCsv("Contact", { text, name: "Contact.csv" });
        const stream = await streamed(text, salesforceSpec("Contact"), "Contact.csv", chunkRows);
        expect(stream.report).toEqual(whole.report);
        expect(nonEmpty(stream.batch as IdentityBatch)).toEqual(nonEmpty(whole.batch));
      }),
      { numRuns: 150 },
    );
    const activity = ["marketoGUID", "leadId", "activityDate", "activityTypeId", "primaryAttributeValue"];
    await fc.assert(
      fc.asyncProperty(csv(activity), async (text) => {
        const whole = await readMarketoCsv("activities", { text, name: "activities.csv" });
        const stream = await streamed(text, marketoSpec("activities"), "activities.csv", 2);
        expect(stream.report).toEqual(whole.report);
        expect(nonEmpty(stream.batch as IdentityBatch)).toEqual(nonEmpty(whole.batch));
      }),
      { numRuns: 150 },
    );
  });
});
