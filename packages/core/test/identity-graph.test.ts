import { describe, expect, it } from "vitest";
import { IdentityGraph, toSnapshot } from "../src/index.js";
import { contact, contactLink, lead, marketoLead, sfAccount } from "./identity-records.js";

const C1 = "0035e00000AbCdEAAV";
const C2 = "0035e00000AbCdFAAV";
const L1 = "00Q5e00000XyZaBEAV";
const A1 = "0015e00000Acme1AAC";
const A2 = "0015e00000Beta1AAC";

describe("IdentityGraph person merging", () => {
  it("merges on normalized email (trim + lower-case) but keeps Gmail dots and +tags apart", () => {
    const g = new IdentityGraph();
    g.add({
      persons: [
        contact(C1, { email: "  Jane.Doe@Acme.com " }),
        marketoLead("101", { email: "jane.doe@acme.com" }),
        marketoLead("102", { email: "jo.smith@gmail.com" }),
        marketoLead("103", { email: "josmith@gmail.com" }),
        marketoLead("104", { email: "jo.smith+ads@gmail.com" }),
      ],
    });
    const ids = g.entities().persons.map((p) => p.id);
    expect(ids).toEqual([C1, "marketo.lead:102", "marketo.lead:103", "marketo.lead:104"]);
    const jane = g.entities().persons[0]!;
    expect(jane.sourceKeys?.map((k) => `${k.system}:${k.id}`)).toEqual(["marketo:101", `salesforce:${C1}`]);
  });

  it("merges on explicit cross-references and chains them (lead → contact ← Marketo lead)", () => {
    const g = new IdentityGraph();
    g.add({
      persons: [
        lead(L1, { email: "old@acme.com", lastName: "Doe" }, C1),
        contact(C1, { email: "jane@acme.com", lastName: "Doe" }),
        marketoLead("201", { email: "other@elsewhere.com" }, { lead: L1 }),
      ],
    });
    expect(g.entities().persons).toHaveLength(1);
    const explanation = g.explainPerson(C1)!;
    expect(explanation.records).toHaveLength(3);
    expect(explanation.merges.map((m) => `${m.rule}=${m.value}`)).toEqual([`salesforce.contact=${C1}`, `salesforce.lead=${L1}`]);
  });

  it("does not merge on blocked values and reports them", () => {
    const g = new IdentityGraph();
    g.add({
      persons: [
        marketoLead("1", { email: "test@test.com" }),
        marketoLead("2", { email: "TEST@test.com" }),
        marketoLead("3", { email: "noreply@acme.com" }),
        marketoLead("4", { email: "noreply@acme.com" }),
        marketoLead("5", { email: "null" }),
      ],
    });
    expect(g.entities().persons).toHaveLength(5);
    expect(g.report.blockedValues.email).toBe(5);
    expect(g.explainPerson("marketo.lead:1")!.ignoredIdentities).toEqual([{ namespace: "email", value: "test@test.com", reason: "blocked" }]);
  });

  it("does not merge on a value shared by more records than its cap, and reports it", () => {
    const g = new IdentityGraph({ persons: { mergeOn: [{ namespace: "marketo.lead" }, { namespace: "email", maxRecordsPerValue: 2 }] } });
    g.add({ persons: [marketoLead("1", { email: "info@acme.com" }), marketoLead("2", { email: "info@acme.com" })] });
    expect(g.entities().persons).toHaveLength(1);
    g.add({ persons: [marketoLead("3", { email: "info@acme.com" })] });
    expect(g.entities().persons).toHaveLength(3);
    expect(g.report.overCapValues).toEqual([{ kind: "person", namespace: "email", value: "info@acme.com", records: 3, maxRecordsPerValue: 2 }]);
    expect(g.explainPerson("marketo.lead:1")!.ignoredIdentities[0]!.reason).toBe("overCap");
  });

  it("chooses the unified id by namespace priority, whatever the order", () => {
    const records = [
      marketoLead("9", { email: "a@acme.com" }),
      lead(L1, { email: "a@acme.com" }),
      contact(C2, { email: "a@acme.com" }),
      contact(C1, { email: "A@acme.com" }),
    ];
    for (const order of [records, [...records].reverse()]) {
      const g = new IdentityGraph();
      g.add({ persons: order });
      expect(g.entities().persons.map((p) => p.id)).toEqual([C1]);
    }
  });

  it("merges fields by source precedence or most recent, and consent conservatively", () => {
    const g = new IdentityGraph({ persons: { fieldPolicies: { title: "mostRecent" } } });
    g.add({
      persons: [
        contact(C1, {
          email: "jane@acme.com",
          firstName: "Jane",
          title: "Director of IT",
          updatedAt: "2026-01-01T00:00:00.000Z",
          consent: { email: "granted" },
        }),
        marketoLead("7", {
          email: "jane@acme.com",
          firstName: "J.",
          title: "CIO",
          phone: "+1 555 0100",
          updatedAt: "2026-06-01T00:00:00.000Z",
          consent: { email: "denied", advertising: "granted" },
        }),
      ],
    });
    const p = g.entities().persons[0]!;
    expect(p.firstName).toBe("Jane");
    expect(p.title).toBe("CIO");
    expect(p.phone).toBe("+1 555 0100");
    expect(p.consent).toEqual({ advertising: "granted", email: "denied" });
  });

  it("rejects an invalid record with its path and keeps the rest", () => {
    const g = new IdentityGraph();
    const bad = { key: { namespace: "marketo.lead", value: "" }, sourceKey: { system: "marketo", id: "x" }, person: {} };
    const result = g.add({ persons: [bad as never, marketoLead("1", { email: "x@acme.com" })] });
    expect(result.counts.persons).toEqual({ read: 2, loaded: 1, rejected: 1 });
    expect(result.problems[0]!.path).toEqual(["key", "value"]);
    expect(result.problems[0]!.index).toBe(0);
    expect(g.entities().persons).toHaveLength(1);
  });
});

describe("IdentityGraph links and accounts", () => {
  it("unifies a Marketo company with its Salesforce account through sfdcAccountId", () => {
    const g = new IdentityGraph();
    g.add({
      accounts: [
        sfAccount(A1, { name: "Acme", domain: "acme.com" }),
        {
          key: { namespace: "marketo.company", value: "55" },
          identities: [{ namespace: "salesforce.account", value: A1 }],
          sourceKey: { system: "marketo", object: "Company", id: "55" },
          account: { name: "ACME Inc", industry: "Software" },
        },
      ],
    });
    const accounts = g.entities().accounts;
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ id: A1, name: "Acme", industry: "Software" });
  });

  it("links by stated rules and by email domain with private suffixes and without free mail", () => {
    const g = new IdentityGraph({ linkByEmailDomain: true });
    g.add({
      accounts: [sfAccount(A1, { domain: "https://www.acme.github.io/about" }), sfAccount(A2, { domain: "WWW.BETA.CO.UK" })],
      persons: [
        contact(C1, { email: "jane@eu.beta.co.uk" }),
        marketoLead("1", { email: "bob@other.github.io" }),
        marketoLead("2", { email: "ann@acme.github.io" }),
        marketoLead("3", { email: "free@gmail.com" }),
      ],
      links: [contactLink(C1, A2)],
    });
    const links = g.entities().links.map((l) => `${l.accountId}|${l.personId}|${l.reason}`);
    expect(links).toEqual([`${A1}|marketo.lead:2|emailDomain`, `${A2}|${C1}|contactAccount`, `${A2}|${C1}|emailDomain`]);
    expect(g.report.linksByRule).toEqual({ contactAccount: 1, emailDomain: 2 });
    expect(g.explainLink(C1, A2)!.evidence.map((e) => e.rule)).toEqual(["contactAccount", "emailDomain"]);
    expect(g.explainLink("marketo.lead:1", A1)).toBeUndefined();
  });

  it("reports a link whose account is unknown", () => {
    const g = new IdentityGraph();
    g.add({ persons: [contact(C1, {})], links: [contactLink(C1, A1)] });
    expect(g.entities().links).toHaveLength(0);
    expect(g.report.problems[0]).toMatchObject({ part: "links", code: "unresolved_reference" });
  });

  it("re-points events, roles and members to unified ids and builds a snapshot", () => {
    const g = new IdentityGraph();
    g.add({
      accounts: [sfAccount(A1, { name: "Acme", domain: "acme.com" })],
      persons: [contact(C1, { email: "jane@acme.com" }), marketoLead("5", { email: "jane@acme.com" })],
      links: [contactLink(C1, A1)],
      events: [
        {
          event: { id: "e1", type: "Visit Webpage", occurredAt: "2026-11-01T10:00:00.000Z", properties: { webpage: "/pricing" } },
          person: { namespace: "marketo.lead", value: "5" },
        },
        { event: { id: "e2", type: "Intent Surge", occurredAt: "2026-11-02T10:00:00.000Z" }, account: { namespace: "domain", value: "https://ACME.com" } },
      ],
    });
    const events = g.entities().events;
    expect(events.map((e) => e.personId ?? e.accountId)).toEqual([C1, A1]);
    const snapshot = toSnapshot(g, { asOf: "2026-11-20T12:00:00.000Z" });
    expect(snapshot.persons.size).toBe(1);
    expect(snapshot.personEvents.time.length).toBe(1);
    expect(snapshot.accountEvents.time.length).toBe(1);
    expect([...snapshot.peopleOf(0)]).toEqual([0]);
  });
});

describe("IdentityGraph raw ids shared across namespaces", () => {
  it("keeps a lead and a contact with the same raw id apart, namespacing both ids and warning", () => {
    const g = new IdentityGraph();
    g.add({ persons: [contact("2", { email: "ann@acme.com", lastName: "Contact" }), lead("2", { email: "bob@beta.com", lastName: "Lead" })] });
    const persons = g.entities().persons;
    expect(persons.map((p) => [p.id, p.lastName])).toEqual([
      ["salesforce.contact:2", "Contact"],
      ["salesforce.lead:2", "Lead"],
    ]);
    expect(g.report.problems.filter((p) => p.code === "id_collision").map((p) => p.part)).toEqual(["persons"]);
  });
});
