import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readSalesforceCsv, readSalesforceJson, readSalesforceProducts } from "../src/index.js";

const fixture = (name: string) => ({ path: fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)) });

describe("Salesforce CSV", () => {
  it("reads accounts: quoted commas, UTF-8, datetimes with +0000, typed __c fields, and reports per file", async () => {
    const { batch, report } = await readSalesforceCsv("Account", fixture("salesforce/Account.csv"));
    expect(report).toMatchObject({ file: "Account.csv", kind: "salesforce:Account", read: 4, loaded: 3, rejected: 1 });
    const [acme, beta, muller] = batch.accounts!;
    expect(acme!.account).toMatchObject({
      name: "Acme, Inc.",
      domain: "https://www.acme.com/about",
      employeeCount: 1200,
      createdAt: "2024-01-10T09:00:00.000Z",
      type: "Customer",
    });
    expect(acme!.account.attributes).toMatchObject({ Tier__c: "Gold", Verified__c: true, Renewal_Date__c: "2027-01-31" });
    expect(muller!.account.name).toBe("Müller Maschinenbau GmbH");
    expect(beta!.account.attributes?.Renewal_Date__c).toBeUndefined();
    expect(batch.fields?.account).toMatchObject({ Verified__c: { type: "boolean" }, Renewal_Date__c: { type: "date" }, Tier__c: { type: "string" } });
  });

  it("reads multi-select picklists when declared", async () => {
    const { batch } = await readSalesforceCsv("Account", fixture("salesforce/Account.csv"), { fieldTypes: { Segments__c: "multi" } });
    expect(batch.accounts![0]!.account.attributes?.Segments__c).toEqual(["Enterprise", "EMEA"]);
  });

  it("reads contacts with a quoted multi-line field, 15-character account ids and opt-outs", async () => {
    const { batch, report } = await readSalesforceCsv("Contact", fixture("salesforce/Contact.csv"));
    expect(report.rejected).toBe(0);
    expect(batch.persons!.map((p) => p.origin?.line)).toEqual([2, 4, 5]);
    const jane = batch.persons![0]!;
    expect(jane.person.attributes?.Description).toBe('Met at "Dreamforce", likes\nlong emails');
    expect(jane.person.consent).toEqual({ email: "granted", phone: "granted" });
    expect(batch.persons![1]!.person.consent?.email).toBe("denied");
    expect(batch.persons![2]!.person.title).toBe('VP "Marketing"');
    expect(batch.links![0]).toMatchObject({ account: { namespace: "salesforce.account", value: "001Hs00001AcmeAIAR" }, rule: "contactAccount" });
  });

  it("reads converted leads with their cross-reference and account", async () => {
    const { batch } = await readSalesforceCsv("Lead", fixture("salesforce/Lead.csv"));
    expect(batch.persons![0]!.identities).toEqual([{ namespace: "salesforce.contact", value: "003Hs00002JaneDIAR" }]);
    expect(batch.links).toEqual([
      expect.objectContaining({ rule: "leadConvertedAccount", account: { namespace: "salesforce.account", value: "001Hs00001AcmeAIAR" } }),
    ]);
    expect(batch.persons![0]!.person.attributes).toMatchObject({ Company: "Acme", IsConverted: true });
  });

  it("reads account-contact relations as indirect links, inactive ones kept as inactive", async () => {
    const { batch } = await readSalesforceCsv("AccountContactRelation", fixture("salesforce/AccountContactRelation.csv"));
    expect(batch.links!.map((l) => [l.rule, l.isActive, l.isDirect, l.roles])).toEqual([
      ["accountContactRelation", true, false, ["Decision Maker", "Influencer"]],
      ["accountContactRelation", false, false, ["Evaluator"]],
    ]);
  });

  it("reads opportunities, contact roles, campaigns and members (contact or lead)", async () => {
    const opp = await readSalesforceCsv("Opportunity", fixture("salesforce/Opportunity.csv"));
    expect(opp.batch.opportunities![0]!.opportunity).toMatchObject({
      stage: "Negotiation/Review",
      amount: 120000.5,
      closeDate: "2026-12-15",
      isClosed: false,
      currency: "USD",
    });
    const roles = await readSalesforceCsv("OpportunityContactRole", fixture("salesforce/OpportunityContactRole.csv"));
    expect(roles.batch.opportunityRoles![0]).toMatchObject({ role: { role: "Economic Buyer", isPrimary: true }, person: { namespace: "salesforce.contact" } });
    const members = await readSalesforceCsv("CampaignMember", fixture("salesforce/CampaignMember.csv"));
    expect(members.batch.campaignMembers!.map((m) => m.person.namespace)).toEqual(["salesforce.contact", "salesforce.lead"]);
    expect(members.batch.campaignMembers![0]!.member.firstRespondedAt).toBe("2026-10-05T00:00:00.000Z");
  });

  it("turns assets into owned-product rows, with products from Product2", async () => {
    const { products } = await readSalesforceProducts(fixture("salesforce/Product2.csv"));
    const { batch } = await readSalesforceCsv("Asset", fixture("salesforce/Asset.csv"), { products });
    expect(batch.related![0]).toMatchObject({
      table: "ownedProducts",
      owner: { value: "001Hs00001AcmeAIAR" },
      row: { values: { product: "Analytics Cloud", productFamily: "Analytics", purchaseDate: "2026-05-10", status: "Installed" } },
    });
  });
});

describe("Salesforce REST JSON", () => {
  it("flattens nested relationships, skips child sub-queries and reports an incomplete result", async () => {
    const { batch, report } = await readSalesforceJson("Asset", fixture("salesforce/Asset.json"));
    expect(report).toMatchObject({ read: 2, loaded: 2, rejected: 0 });
    expect(batch.related!.map((r) => r.row.values.product)).toEqual(["Data Hub", "Legacy Support"]);
    expect(report.problems.map((p) => p.code)).toEqual(["incomplete_result"]);
    const contacts = await readSalesforceJson("Contact", fixture("salesforce/Contact.json"));
    expect(contacts.batch.persons![0]!.key.value).toBe("003Hs00002AnnaFIAR");
    expect(contacts.batch.persons![0]!.person.attributes).toEqual({ "Account.Name": "Müller Maschinenbau GmbH" });
    expect(contacts.report.problems).toContainEqual(expect.objectContaining({ field: "CampaignMembers", code: "not_kept", record: 1 }));
  });
});
