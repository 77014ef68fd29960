import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { activityTypeName, loadExports, readMarketoCsv, readMarketoJson } from "../src/index.js";

const fixture = (name: string) => ({ path: fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)) });

describe("Marketo", () => {
  it("reads a lead export with Salesforce cross-references, unsubscribes and custom fields", async () => {
    const { batch, report } = await readMarketoCsv("leads", fixture("marketo/leads.csv"), {
      consentColumns: { adOptOut: { channel: "advertising", optOutWhen: true } },
    });
    expect(report).toMatchObject({ read: 5, loaded: 5, rejected: 0 });
    const [jane, carl, dora] = batch.persons!;
    expect(jane!.identities).toEqual([{ namespace: "salesforce.contact", value: "003Hs00002JaneDIAR" }]);
    expect(jane!.person.consent).toEqual({ email: "granted", advertising: "denied" });
    expect(jane!.person.attributes).toMatchObject({ company: "Acme", sfdcType: "Contact", leadScore: 87 });
    expect(carl!.identities).toEqual([{ namespace: "salesforce.lead", value: "00QHs00003LeadHMAR" }]);
    expect(carl!.person.consent?.email).toBe("denied");
    expect(dora!.identities).toEqual([]);
    expect(batch.links).toEqual([expect.objectContaining({ rule: "marketoSfdcAccount", person: { namespace: "marketo.lead", value: "1001" } })]);
  });

  it("reads the bulk activity extract: named types, page/form/email properties, JSON attributes", async () => {
    const { batch, report } = await readMarketoCsv("activities", fixture("marketo/activities.csv"));
    expect(report).toMatchObject({ read: 6, loaded: 4, rejected: 2 });
    const events = batch.events!.map((e) => e.event);
    expect(events.map((e) => e.type)).toEqual(["Visit Webpage", "Fill Out Form", "Open Email", "Activity 999"]);
    expect(events[0]!.properties).toMatchObject({ webpage: "/pricing", webpageUrl: "/pricing", queryParameters: "utm_source=ads" });
    expect(events[1]!.properties).toMatchObject({ form: "Demo Request", campaignId: "301" });
    expect(events[2]!.properties).toMatchObject({ email: "Newsletter November" });
    expect(batch.events![0]!.person).toEqual({ namespace: "marketo.lead", value: "1001" });
  });

  it("keeps a row whose attributes cell is not JSON, without its attributes, and says where", async () => {
    const { batch, report } = await readMarketoCsv("activities", fixture("marketo/activities.csv"));
    expect(report.problems).toContainEqual(
      expect.objectContaining({ file: "activities.csv", line: 4, field: "attributes", severity: "warning", code: "invalid_json" }),
    );
    expect(batch.events!.find((e) => e.event.id === "marketo:9003")).toBeDefined();
    expect(report.problems).toContainEqual(expect.objectContaining({ line: 6, field: "activityDate", severity: "error" }));
    expect(report.problems).toContainEqual(expect.objectContaining({ line: 7, field: "marketoGUID", code: "duplicate_id" }));
  });

  it("names unknown activity types by number unless told", () => {
    expect(activityTypeName(1)).toBe("Visit Webpage");
    expect(activityTypeName(11)).toBe("Click Email");
    expect(activityTypeName(4242)).toBe("Activity 4242");
    expect(activityTypeName(4242, { 4242: "Attend Event" })).toBe("Attend Event");
  });

  it("reads companies with their Salesforce account id, and opportunities that dedupe with Salesforce ones", async () => {
    const companies = await readMarketoCsv("companies", fixture("marketo/companies.csv"));
    expect(companies.batch.accounts![0]!.identities).toEqual([
      { namespace: "salesforce.account", value: "001Hs00001AcmeAIAR" },
      { namespace: "marketo.externalCompanyId", value: "ext-acme" },
    ]);
    const opps = await readMarketoCsv("opportunities", fixture("marketo/opportunities.csv"));
    expect(opps.batch.opportunities!.map((o) => o.opportunity.id)).toEqual(["006Hs00005OppA1IAJ", "marketo.opportunity:mo-2"]);
  });

  it("reads REST JSON leads (`result`)", async () => {
    const { batch, report } = await readMarketoJson("leads", {
      name: "leads.json",
      text: JSON.stringify({ requestId: "x", success: true, result: [{ id: 7, email: "a@b.com", unsubscribed: true }] }),
    });
    expect(report.loaded).toBe(1);
    expect(batch.persons![0]).toMatchObject({ key: { value: "7" }, person: { email: "a@b.com", consent: { email: "denied" } } });
  });
});

describe("Marketo REST activities", () => {
  it("reads attributes given as REST [{ name, value }] pairs", async () => {
    const response = {
      success: true,
      result: [
        {
          marketoGUID: "1",
          leadId: 5,
          activityDate: "2026-11-01T10:00:00Z",
          activityTypeId: 1,
          primaryAttributeValue: "/pricing",
          attributes: [
            { name: "Webpage URL", value: "/pricing" },
            { name: "Client IP Address", value: "10.0.0.1" },
          ],
        },
      ],
    };
    const { batch, report } = await readMarketoJson("activities", { name: "activities.json", text: JSON.stringify(response) });
    expect(report.problems).toEqual([]);
    expect(batch.events![0]!.event.properties).toEqual({ webpageUrl: "/pricing", clientIpAddress: "10.0.0.1", webpage: "/pricing" });
  });
});

describe("Marketo ids the identity graph cannot hold", () => {
  it("an opportunity whose marketoGUID is longer than 512 characters is rejected by the reader, not silently by the graph", async () => {
    const long = "g".repeat(600);
    const text = `marketoGUID,externalCompanyId,name,amount\nmo-1,ext-1,Acme - New,1000\n${long},ext-1,Too long,5\n`;
    const { graph, reports } = await loadExports([{ source: "marketo", export: "opportunities", text, name: "opportunities.csv" }]);
    expect(reports[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect(reports[0]!.problems).toEqual([expect.objectContaining({ line: 3, field: "marketoGUID", code: "invalid_value", severity: "error" })]);
    expect(graph.report.problems.filter((p) => p.index !== undefined)).toEqual([]);
    expect(graph.entities().opportunities.map((o) => o.id)).toEqual(["marketo.opportunity:mo-1"]);
  });
});
