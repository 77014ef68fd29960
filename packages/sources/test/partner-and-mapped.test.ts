import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FIRMOGRAPHICS_MAPPING, INTENT_MAPPING, TECHNOGRAPHICS_MAPPING, loadExports, readMappedCsv, readMappedJson, readPartnerCsv } from "../src/index.js";

const fixture = (name: string) => ({ path: fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)) });

describe("partner files", () => {
  it("reads intent rows keyed by domain and makes surge events for high scores", async () => {
    const { batch, report } = await readPartnerCsv(fixture("partner/intent.csv"), INTENT_MAPPING);
    expect(report).toMatchObject({ read: 4, loaded: 4, rejected: 0 });
    expect(batch.related!.map((r) => r.row.key)).toEqual(["https://www.acme.com", "beta.co.uk", "unknown-company.com", "eu.acme.com"]);
    expect(batch.events!.map((e) => [e.event.type, e.account?.value, e.event.occurredAt])).toEqual([
      ["Intent Surge", "https://www.acme.com", "2026-11-15T00:00:00.000Z"],
      ["Intent Surge", "unknown-company.com", "2026-11-01T00:00:00.000Z"],
    ]);
    expect(report.problems).toEqual([expect.objectContaining({ line: 5, field: "score", severity: "warning" })]);
  });

  it("ignores and reports columns a partner table does not have", async () => {
    const { batch, report } = await readPartnerCsv(fixture("partner/technographics.csv"), TECHNOGRAPHICS_MAPPING);
    expect(batch.related![0]!.row.values).toEqual({ technology: "HubSpot", category: "Marketing Automation", vendor: "HubSpot" });
    expect(report.problems).toEqual([expect.objectContaining({ line: 1, field: "confidence", code: "unknown_column" })]);
    const firmo = await readPartnerCsv(fixture("partner/firmographics.csv"), FIRMOGRAPHICS_MAPPING);
    expect(firmo.batch.related!.map((r) => r.row.key)).toEqual(["150483782", "31-262-9999"]);
  });
});

describe("declared field mappings", () => {
  const mapping = {
    entity: "person" as const,
    system: "webinar-tool",
    object: "Registrant",
    idColumn: "Registrant ID",
    fields: { "E-mail": { field: "email", type: "string" as const }, "Job Title": { field: "title", type: "string" as const } },
    identities: [{ column: "CRM Contact", namespace: "salesforce.contact" }],
    account: { column: "CRM Account", namespace: "salesforce.account", rule: "webinarRegistration" },
  };

  it("maps any CSV to persons with identities, links and attributes", async () => {
    const text =
      "Registrant ID,E-mail,Job Title,CRM Contact,CRM Account,Attended\nr-1,jane@acme.com,CMO,003Hs00002JaneDIAR,001Hs00001AcmeAIAR,true\nr-2,,CIO,,,false\n";
    const { batch, report } = await readMappedCsv({ text, name: "registrants.csv" }, mapping);
    expect(report).toMatchObject({ read: 2, loaded: 2, kind: "mapped:webinar-tool:Registrant" });
    expect(batch.persons![0]).toMatchObject({
      key: { namespace: "webinar-tool.person", value: "r-1" },
      identities: [{ namespace: "salesforce.contact", value: "003Hs00002JaneDIAR" }],
      person: { email: "jane@acme.com", title: "CMO", attributes: { Attended: true } },
    });
    expect(batch.links).toEqual([expect.objectContaining({ rule: "webinarRegistration" })]);
  });

  it("maps JSON records to events and rejects one without its owner", async () => {
    const events = {
      entity: "event" as const,
      system: "web",
      idColumn: "id",
      owner: { column: "email", namespace: "email" },
      eventType: { column: "kind" },
      occurredAtColumn: "at",
    };
    const { batch, report } = await readMappedJson(
      {
        name: "web.json",
        text: JSON.stringify([
          { id: "1", email: "jane@acme.com", kind: "Visit Webpage", at: "2026-11-01T00:00:00Z", page: "/pricing" },
          { id: "2", kind: "Visit Webpage", at: "2026-11-01" },
        ]),
      },
      events,
    );
    expect(report).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect(report.problems[0]).toMatchObject({ record: 2, field: "email", code: "missing_value" });
    expect(batch.events![0]).toMatchObject({
      person: { namespace: "email", value: "jane@acme.com" },
      event: { type: "Visit Webpage", properties: { page: "/pricing" } },
    });
  });

  it("rejects an event whose time is not a date or a date-time with a zone, so the graph gets only what the report counts as loaded", async () => {
    const events = {
      entity: "event" as const,
      system: "web",
      idColumn: "id",
      owner: { column: "email", namespace: "email" },
      eventType: "Visit Webpage",
      occurredAtColumn: "at",
    };
    const text =
      "id,email,at\n1,jane@acme.com,2026-11-01\n2,jane@acme.com,yesterday\n3,jane@acme.com,2026-11-01T10:00:00\n4,jane@acme.com,2026-11-02T10:00:00+01:00\n";
    const { graph, reports } = await loadExports([{ source: "mapped", mapping: events, text, name: "web.csv" }]);
    expect(reports[0]).toMatchObject({ read: 4, loaded: 2, rejected: 2 });
    expect(reports[0]!.problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [3, "at", "invalid_value"],
      [4, "at", "invalid_value"],
    ]);
    expect(graph.report.problems.filter((p) => p.index !== undefined)).toEqual([]);
  });

  it("refuses an invalid mapping with a typed error", async () => {
    await expect(readMappedCsv({ text: "a\n1\n", name: "x.csv" }, { ...mapping, entity: "planet" as never })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });
});
