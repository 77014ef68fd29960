import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readSalesforceCsv, readSalesforceJson } from "../src/index.js";

const fixture = (name: string) => ({ path: fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)) });

describe("bad input", () => {
  it("reports broken quoting with the line, loads the rest, and counts every record of the file", async () => {
    const { batch, report } = await readSalesforceCsv("Contact", fixture("bad/Contact-broken.csv"));
    expect(report.read).toBe(report.loaded + report.rejected);
    // 7 records: line 2, 3, 4, 5-6 (a quoted line break), 7, 8 (a quote never closed), 9
    expect(report).toMatchObject({ read: 7, loaded: 3, rejected: 4 });
    expect(batch.persons!.map((p) => p.origin?.line)).toEqual([2, 5, 9]);
    expect(batch.persons![0]!.key.value).toBe("003Hs00002JaneDIAR");
    const errors = report.problems.map((p) => [p.line, p.code, p.field]);
    expect(errors).toEqual([
      [3, "invalid_csv", "LastName"],
      [4, "field_count", undefined],
      [8, "invalid_csv", "LastName"],
      [7, "invalid_value", "Id"],
    ]);
    expect(report.problems[2]!.message).toContain("never closed");
  });

  it("reports bad dates, bad numbers, wrong field counts, duplicate ids (15 = 18 characters) and missing ids", async () => {
    const { batch, report } = await readSalesforceCsv("Opportunity", fixture("bad/Opportunity-bad.csv"));
    expect(report).toMatchObject({ read: 5, loaded: 2, rejected: 3 });
    const at = (line: number) => report.problems.filter((p) => p.line === line).map((p) => [p.field, p.severity, p.code]);
    expect(at(3)).toEqual([
      ["Amount", "warning", "invalid_value"],
      ["CloseDate", "warning", "invalid_value"],
    ]);
    expect(at(4)).toEqual([[undefined, "error", "field_count"]]);
    expect(at(5)).toEqual([["Id", "error", "duplicate_id"]]);
    expect(at(6)).toEqual([["Id", "error", "missing_value"]]);
    expect(batch.opportunities!.map((o) => o.opportunity.closeDate)).toEqual(["2026-12-01", undefined]);
  });

  it("reports a file that is not JSON instead of throwing", async () => {
    const { batch, report } = await readSalesforceJson("Account", { name: "Account.json", text: "{ not json" });
    expect(batch).toEqual({});
    expect(report.problems[0]).toMatchObject({ file: "Account.json", code: "invalid_json", severity: "error" });
  });

  it("reports a missing file instead of throwing", async () => {
    const { report } = await readSalesforceCsv("Account", { path: "/nonexistent/Account.csv" });
    expect(report.problems[0]).toMatchObject({ code: "unreadable", severity: "error" });
  });
});
