import { describe, expect, it } from "vitest";
import { IdentityGraph, toSnapshot, type RelatedTableDefinition } from "../src/index.js";

const ASOF = "2026-11-20T12:00:00.000Z";
const owned = (fields: RelatedTableDefinition["fields"]): RelatedTableDefinition => ({ name: "ownedProducts", keyedBy: "account", fields });
const account = {
  key: { namespace: "salesforce.account", value: "001Hs00001AcmeAIAR" },
  account: { name: "Acme" },
  sourceKey: { system: "salesforce", object: "Account", id: "001Hs00001AcmeAIAR" },
};
const row = {
  table: "ownedProducts",
  row: { id: "a1", key: "001Hs00001AcmeAIAR", values: { product: "Hub" } },
  owner: { namespace: "salesforce.account", value: "001Hs00001AcmeAIAR" },
  ownerKind: "account",
};

describe("related tables declared by batches", () => {
  it("are kept by the graph and used by toSnapshot without the caller declaring them", () => {
    const graph = new IdentityGraph();
    graph.add({ accounts: [account] } as never);
    const report = graph.add({ related: [row], relatedTables: [owned({ product: { type: "string" } })] } as never);
    expect(report.problems).toEqual([]);
    expect(graph.entities().relatedTables.map((t) => t.name)).toEqual(["ownedProducts"]);
    const snapshot = toSnapshot(graph, { asOf: ASOF });
    expect(snapshot.relatedRowsOf("ownedProducts", snapshot.accounts.indexOf("001Hs00001AcmeAIAR")).length).toBe(1);
  });

  it("keep one declaration of two different ones, whatever their order, with a warning; a bad one is an error", () => {
    const a = owned({ product: { type: "string" } });
    const b = owned({ product: { type: "string" }, quantity: { type: "number" } });
    const kept = (first: RelatedTableDefinition, second: RelatedTableDefinition) => {
      const graph = new IdentityGraph();
      graph.add({ relatedTables: [first] });
      const report = graph.add({ relatedTables: [second] });
      expect(report.problems).toEqual([expect.objectContaining({ part: "relatedTables", code: "conflicting_table", severity: "warning" })]);
      return graph.entities().relatedTables;
    };
    expect(kept(a, b)).toEqual(kept(b, a));
    const bad = new IdentityGraph().add({ relatedTables: [{ name: "1bad", keyedBy: "account", fields: {} }] });
    expect(bad.problems[0]).toMatchObject({ part: "relatedTables", index: 0, severity: "error" });
  });
});
