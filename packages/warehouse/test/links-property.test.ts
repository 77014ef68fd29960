import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toSnapshot } from "@abm-kit/core";
import { loadExports, type ExportFile } from "@abm-kit/sources";
import { loadExportsIntoWarehouse } from "../src/index.js";
import { ENGINES } from "./engines.js";

const ACCOUNTS = ["001000000000001AAA", "001000000000002AAA", "001000000000003AAA"];
const CONTACTS = ["003000000000001AAA", "003000000000002AAA", "003000000000003AAA"];
const csv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n;]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(",")).join("\n");

/** Random AccountContactRelation rows between a few accounts and contacts: repeated pairs, blank and set flags, roles in two cases, dates. */
const relations = fc.array(
  fc.record({
    account: fc.constantFrom(...ACCOUNTS),
    contact: fc.constantFrom(...CONTACTS),
    isActive: fc.constantFrom("true", "false", ""),
    isDirect: fc.constantFrom("true", "false", ""),
    roles: fc.subarray(["Buyer", "buyer", "Évaluateur", "Zed", "A B"]).map((r) => r.join(";")),
    start: fc.option(fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2026-12-31T00:00:00Z"), noInvalidDate: true }), { nil: undefined }),
    end: fc.option(fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2026-12-31T00:00:00Z"), noInvalidDate: true }), { nil: undefined }),
  }),
  { maxLength: 12 },
);
/** Each contact's account (or none). */
const contactAccounts = fc.tuple(...CONTACTS.map(() => fc.option(fc.constantFrom(...ACCOUNTS), { nil: undefined })));

describe.each(ENGINES)("links of random relations in %s", (_name, open) => {
  it("merge per account and person as the Snapshot builder merges them", async () => {
    await fc.assert(
      fc.asyncProperty(relations, contactAccounts, async (rels, owners) => {
        const dir = mkdtempSync(join(tmpdir(), "abm-kit-wh-links-"));
        const day = (d: Date | undefined) => (d === undefined ? "" : d.toISOString().slice(0, 10));
        writeFileSync(join(dir, "Account.csv"), csv([["Id", "Name"], ...ACCOUNTS.map((a, i) => [a, `Account ${i}`])]));
        writeFileSync(join(dir, "Contact.csv"), csv([["Id", "AccountId", "Email"], ...CONTACTS.map((c, i) => [c, owners[i] ?? "", `p${i}@x.example`])]));
        writeFileSync(
          join(dir, "AccountContactRelation.csv"),
          csv([
            ["Id", "AccountId", "ContactId", "IsActive", "IsDirect", "Roles", "StartDate", "EndDate"],
            ...rels.map((r, i) => [
              `07k0000000000${String(i).padStart(2, "0")}`,
              r.account,
              r.contact,
              r.isActive,
              r.isDirect,
              r.roles,
              day(r.start),
              day(r.end),
            ]),
          ]),
        );
        const files: ExportFile[] = [
          { source: "salesforce", object: "Account", path: join(dir, "Account.csv") },
          { source: "salesforce", object: "Contact", path: join(dir, "Contact.csv") },
          { source: "salesforce", object: "AccountContactRelation", path: join(dir, "AccountContactRelation.csv") },
        ];
        const [sql, memory] = [await open(), await open()];
        try {
          const { graph, reports } = await loadExports(files);
          // every relation is read (a rejected one would test nothing)
          expect(reports.map((r) => r.rejected)).toEqual([0, 0, 0]);
          const snapshot = toSnapshot(graph, { asOf: 0 });
          await loadExportsIntoWarehouse(sql.target, files);
          await memory.writeSnapshot(snapshot);
          const rows = async (engine: typeof sql) => (await engine.query("SELECT * FROM links ORDER BY _row")).map((r) => JSON.stringify(r));
          expect(await rows(sql)).toEqual(await rows(memory));
        } finally {
          await sql.close();
          await memory.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      {
        numRuns: 8,
        examples: [
          [
            [{ account: ACCOUNTS[0]!, contact: CONTACTS[0]!, isActive: "false", isDirect: "", roles: "", start: undefined, end: undefined }],
            [ACCOUNTS[0], undefined, undefined],
          ],
        ],
      },
    );
  }, 300_000);
});
