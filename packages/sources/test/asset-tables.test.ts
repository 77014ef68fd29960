import { fileURLToPath } from "node:url";
import { IdentityGraph, toSnapshot } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import { readSalesforceCsv } from "../src/index.js";

const fixture = (name: string) => ({ path: fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)) });
const ASOF = "2026-11-20T12:00:00.000Z";

describe("Asset exports and their owned-products table", () => {
  it("builds a snapshot with the asset rows without the caller declaring ownedProducts", async () => {
    const graph = new IdentityGraph();
    graph.add((await readSalesforceCsv("Account", fixture("salesforce/Account.csv"))).batch);
    const { batch } = await readSalesforceCsv("Asset", fixture("salesforce/Asset-export.csv"));
    graph.add(batch);
    const snapshot = toSnapshot(graph, { asOf: ASOF });
    expect(graph.report.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(snapshot.report.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(snapshot.relatedRowsOf("ownedProducts", snapshot.accounts.indexOf("001Hs00001AcmeAIAR")).length).toBe(1);
    expect(snapshot.relatedRowsOf("ownedProducts", snapshot.accounts.indexOf("001Hs00001BetaBIAR")).length).toBe(1);
    expect(snapshot.related.get("ownedProducts")!.definition.fields).toMatchObject({
      product: { type: "string" },
      productId: { type: "string" },
      productCode: { type: "string" },
      quantity: { type: "number" },
    });
  });

  it("uses the caller's declaration of the table over the reader's", async () => {
    const graph = new IdentityGraph();
    graph.add((await readSalesforceCsv("Asset", fixture("salesforce/Asset-export.csv"))).batch);
    const snapshot = toSnapshot(graph, {
      asOf: ASOF,
      relatedTables: [{ name: "ownedProducts", keyedBy: "account", fields: { product: { type: "string" } }, description: "mine" }],
    });
    expect(snapshot.related.get("ownedProducts")!.definition.description).toBe("mine");
  });

  it("keeps the product id, product code and quantity, and warns once for an unkept column", async () => {
    const { batch, report } = await readSalesforceCsv("Asset", fixture("salesforce/Asset-export.csv"));
    expect(report).toMatchObject({ read: 2, loaded: 2, rejected: 0 });
    expect(batch.related!.map((r) => r.row.values)).toEqual([
      { product: "Acme Analytics", productId: "01tHs0000ProdA1IQI", productCode: "AN-CLOUD", quantity: 25, purchaseDate: "2026-05-10", status: "Installed" },
      { product: "Data Hub", productId: "01tHs0000ProdB2IQI", productCode: "DH-CORE", quantity: 1.5, purchaseDate: "2025-11-20", status: "Purchased" },
    ]);
    const notKept = report.problems.filter((p) => p.code === "not_kept");
    expect(notKept).toHaveLength(1);
    expect(notKept[0]!.message).toContain("SerialNumber");
    expect(report.problems.filter((p) => p.field === "Quantity")).toEqual([]);
  });
});
