import fc from "fast-check";
import { fileURLToPath } from "node:url";
import { IdentityGraph, toSnapshot, type IdentityBatch, type IdentityConfigInput } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import { FIRMOGRAPHICS_MAPPING, INTENT_MAPPING, TECHNOGRAPHICS_MAPPING, loadExports, partnerTableDefinition, type ExportFile } from "../src/index.js";

const path = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const sf = (object: Extract<ExportFile, { source: "salesforce" }>["object"], file = `${object}.csv`): ExportFile => ({
  source: "salesforce",
  object,
  path: path(`salesforce/${file}`),
});
const mkto = (kind: Extract<ExportFile, { source: "marketo" }>["export"]): ExportFile => ({
  source: "marketo",
  export: kind,
  path: path(`marketo/${kind}.csv`),
});

const FILES: ExportFile[] = [
  sf("Account"),
  sf("Contact"),
  sf("Contact", "Contact.json"),
  sf("Lead"),
  sf("AccountContactRelation"),
  sf("Opportunity"),
  sf("OpportunityContactRole"),
  sf("Campaign"),
  sf("CampaignMember"),
  sf("Product2"),
  sf("Asset"),
  sf("Asset", "Asset.json"),
  mkto("leads"),
  mkto("activities"),
  mkto("companies"),
  mkto("opportunities"),
  { source: "partner", mapping: INTENT_MAPPING, path: path("partner/intent.csv") },
  { source: "partner", mapping: TECHNOGRAPHICS_MAPPING, path: path("partner/technographics.csv") },
  { source: "partner", mapping: FIRMOGRAPHICS_MAPPING, path: path("partner/firmographics.csv") },
];
const identity: IdentityConfigInput = { linkByEmailDomain: true };
const JANE = "003Hs00002JaneDIAR";
const ACME = "001Hs00001AcmeAIAR";
const BETA = "001Hs00001BetaBIAR";
const MUELLER = "001Hs00001MuelCIAR";

describe("exports → identity graph → snapshot", () => {
  it("merges one person from a contact, its converted lead and a Marketo lead, with provenance", async () => {
    const { graph, reports } = await loadExports(FILES, { identity });
    expect(reports.map((r) => r.file)).toContain("Contact.json");
    for (const r of reports) expect(r.read).toBe(r.loaded + r.rejected);
    const jane = graph.entities().persons.find((p) => p.id === JANE)!;
    expect(jane.sourceKeys!.map((k) => `${k.system}:${k.object}:${k.id}`)).toEqual([
      "marketo:Lead:1001",
      `salesforce:Contact:${JANE}`,
      "salesforce:Lead:00QHs00003LeadGMAR",
    ]);
    expect(jane.consent).toEqual({ email: "denied", phone: "granted" });
    expect(jane.title).toBe("Chief Marketing Officer");
    const why = graph.explainPerson(JANE)!;
    expect(why.merges.map((m) => m.rule)).toEqual(["salesforce.contact", "email"]);
    expect(why.records.map((r) => r.origin?.file)).toEqual(["leads.csv", "Contact.csv", "Lead.csv"]);
  });

  it("keeps the lead id when no contact exists, and never merges blocked emails", async () => {
    const { graph } = await loadExports(FILES, { identity });
    const ids = graph.entities().persons.map((p) => p.id);
    expect(ids).toContain("00QHs00003LeadHMAR");
    expect(ids).not.toContain("marketo.lead:1002");
    expect(ids).toContain("marketo.lead:1004");
    expect(ids).toContain("marketo.lead:1005");
    // the 15-character id in Contact.json is the same record as the CSV's 18-character one
    expect(graph.explainPerson("003Hs00002AnnaFIAR")!.merges[0]).toMatchObject({ rule: "sameRecord" });
    expect(graph.report.sourceRecords.persons).toBe(11);
    expect(graph.report.unified.persons).toBe(7);
  });

  it("links persons by every rule, and explains each link", async () => {
    const { graph } = await loadExports(FILES, { identity });
    const reasons = (personId: string, accountId: string) => graph.explainLink(personId, accountId)?.evidence.map((e) => e.rule);
    expect(reasons(JANE, ACME)).toEqual(["contactAccount", "emailDomain", "leadConvertedAccount", "marketoSfdcAccount"]);
    expect(reasons(JANE, BETA)).toEqual(["accountContactRelation"]);
    expect(graph.explainLink(JANE, MUELLER)!.evidence[0]!.isActive).toBe(false);
    expect(reasons("marketo.lead:1003", BETA)).toEqual(["emailDomain"]);
    expect(reasons("00QHs00003LeadHMAR", ACME)).toBeUndefined();
    expect(graph.report.linksByRule).toMatchObject({ accountContactRelation: 2, contactAccount: 4, leadConvertedAccount: 1, marketoSfdcAccount: 1 });
  });

  it("unifies the Marketo company with its Salesforce account and builds a snapshot with partner rows joined", async () => {
    const { graph } = await loadExports(FILES, { identity });
    const accounts = graph.entities().accounts;
    expect(accounts.map((a) => a.id)).toEqual([ACME, BETA, MUELLER, "marketo.company:502"]);
    expect(accounts[0]!.sourceKeys).toHaveLength(2);
    const opportunities = graph.entities().opportunities;
    expect(opportunities.map((o) => [o.id, o.accountId, o.name])).toEqual([
      ["006Hs00005OppA1IAJ", ACME, "Acme - Platform renewal"],
      ["marketo.opportunity:mo-2", "marketo.company:502", "Delta - New"],
    ]);
    const snapshot = toSnapshot(graph, {
      asOf: "2026-11-20T12:00:00.000Z",
      relatedTables: [
        partnerTableDefinition(INTENT_MAPPING),
        partnerTableDefinition(TECHNOGRAPHICS_MAPPING),
        partnerTableDefinition(FIRMOGRAPHICS_MAPPING),
        {
          name: "ownedProducts",
          keyedBy: "account",
          fields: { product: { type: "string" }, productFamily: { type: "string" }, purchaseDate: { type: "date" }, status: { type: "string" } },
        },
      ],
    });
    expect(snapshot.report.problems.filter((p) => p.severity === "error")).toEqual([]);
    const acme = snapshot.accounts.indexOf(ACME);
    expect(snapshot.relatedRowsOf("intent", acme).length).toBe(2);
    expect(snapshot.relatedRowsOf("firmographics", acme).length).toBe(1);
    expect(snapshot.relatedRowsOf("ownedProducts", acme).length).toBe(1);
    expect(snapshot.report.unmatchedRelatedRows.intent).toBe(1);
    expect(snapshot.accountEvents.time.length).toBe(1);
    expect(graph.report.problems).toContainEqual(expect.objectContaining({ part: "events", code: "unresolved_reference" }));
    const jane = snapshot.persons.indexOf(JANE);
    expect(snapshot.persons.value(jane, "consent.email")).toBe("denied");
    expect(snapshot.personEvents.rangeOf(jane).end - snapshot.personEvents.rangeOf(jane).start).toBe(2);
  });

  it("does not depend on the order of files or of rows (property)", async () => {
    const { graph: reference } = await loadExports(FILES, { identity });
    const expected = reference.entities();
    const batches: IdentityBatch[] = [];
    const capture = { add: (b: IdentityBatch) => (batches.push(b), { counts: {}, problems: [] }) } as unknown as IdentityGraph;
    await loadExports(FILES, { graph: capture });
    fc.assert(
      fc.property(fc.shuffledSubarray(batches, { minLength: batches.length, maxLength: batches.length }), fc.integer(), (order, seed) => {
        const g = new IdentityGraph(identity);
        let s = seed;
        const rand = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
        for (const b of order) {
          const shuffled = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort(() => rand() - 0.5) : v]));
          g.add(shuffled as IdentityBatch);
        }
        expect(g.entities()).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});
