import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { toSalesforceId18 } from "@abm-kit/sources";
import { csvText } from "./csv-text.js";
import { createRandom, type Random } from "./prng.js";
import {
  EMAILS,
  EXEC_TITLES,
  FIRST_NAMES,
  FORMS,
  INTENT_TOPICS,
  LAST_NAMES,
  OTHER_TITLES,
  PRODUCTS,
  SAMPLE_COMPANIES,
  TECHNOLOGIES,
  WEBPAGES,
} from "./sample-companies.js";

/** The moment the sample data is as of; every date is placed relative to it. */
export const SAMPLE_NOW = "2026-11-20T12:00:00.000Z";
const NOW = Date.parse(SAMPLE_NOW);
const DAY = 86_400_000;

type Row = Record<string, unknown>;

/** A 15-character Salesforce id for a key prefix and a number. */
const id15 = (prefix: string, n: number) => `${prefix}Sa${String(n).padStart(10, "0")}`;
/** Its 18-character form. */
const id18 = (prefix: string, n: number) => toSalesforceId18(id15(prefix, n))!;
const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);
/** Salesforce writes `+0000` in some exports and `Z` in others; the sample has both. */
const sfDateTime = (ms: number, r: Random) => (r.chance(0.3) ? iso(ms).replace("Z", "+0000") : iso(ms));
const marketoDateTime = (ms: number) => iso(ms).replace(/\.\d{3}Z$/, "Z");
const emailOf = (first: string, last: string, domain: string) =>
  `${first}.${last}`
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z.]/g, "")
    .toLowerCase() + `@${domain}`;

interface SamplePerson {
  contactId?: string;
  leadId?: string;
  accountIndex?: number;
  first: string;
  last: string;
  email: string;
  title: string;
  optedOut: boolean;
}

/**
 * Generates the sample exports: Salesforce (CSV with CRLF, and one REST JSON
 * file), Marketo (CSV) and partner files (CSV), as file path → text. The same
 * seed always gives the same files; the edge cases the readers must handle are
 * placed by hand at the end of each file.
 */
export function generateSampleFiles(seed = 20261120): Record<string, string> {
  const r = createRandom(seed);
  const files: Record<string, string> = {};

  // ---- accounts ----
  const typeOf = (i: number) => (i % 10 === 9 ? "Partner" : i % 3 === 0 || i === 4 ? "Customer" : "Prospect");
  const accounts: Row[] = SAMPLE_COMPANIES.map((c, i) => {
    const hasDuns = i % 4 !== 3;
    const duns = String(100_000_000 + i * 7_919_113).slice(0, 9);
    return {
      Id: id18("001", i + 1),
      Name: c.name,
      Website: c.website,
      Industry: c.industry,
      NumberOfEmployees: r.pick([45, 120, 350, 800, 1500, 4200, 12000, 25000]),
      AnnualRevenue: r.int(2, 900) * 1_000_000,
      BillingCountry: c.country,
      DunsNumber: hasDuns ? (i % 2 === 0 ? duns : `${duns.slice(0, 2)}-${duns.slice(2, 5)}-${duns.slice(5)}`) : undefined,
      Type: typeOf(i),
      CreatedDate: sfDateTime(NOW - r.int(400, 1500) * DAY, r),
      LastModifiedDate: sfDateTime(NOW - r.int(1, 120) * DAY, r),
      ABM_Tier__c: r.pick(["Tier 1", "Tier 2", "Tier 3"]),
      Segments__c: r.pick(["Enterprise;EMEA", "Enterprise;NA", "Mid-Market;NA", "SMB;APAC", "Enterprise;APAC"]),
      Contract_Renewal__c: typeOf(i) === "Customer" ? date(NOW + r.int(20, 300) * DAY) : undefined,
      Fax: i % 5 === 0 ? `+1 555 01${String(i).padStart(2, "0")}` : undefined,
    };
  });
  // hand-placed: the same account again under its 15-character id (a duplicate), and a bad date
  accounts.push({ Id: id15("001", 1), Name: "Acme Analytics (duplicate)", Website: "acme-analytics.com", Industry: "Software", Type: "Customer" });
  accounts[5]!.Contract_Renewal__c = "2026-02-30";
  files["salesforce/Account.csv"] = csvText(Object.keys(accounts[0]!), accounts, "\r\n");

  // ---- contacts ----
  const persons: SamplePerson[] = [];
  const contacts: Row[] = [];
  let contactN = 0;
  const noExecAccounts = new Set([1, 4, 7]); // software accounts with no CMO or CIO
  SAMPLE_COMPANIES.forEach((company, a) => {
    const count = r.int(3, 6);
    for (let k = 0; k < count; k++) {
      contactN++;
      const first = FIRST_NAMES[(contactN * 7) % FIRST_NAMES.length]!;
      const last = LAST_NAMES[(contactN * 11 + a) % LAST_NAMES.length]!;
      const exec = !noExecAccounts.has(a) && k < 2 && r.chance(0.75);
      const title = exec ? EXEC_TITLES[(a + k) % EXEC_TITLES.length]! : r.pick(OTHER_TITLES);
      const optedOut = r.chance(0.08);
      const person: SamplePerson = {
        contactId: id18("003", contactN),
        accountIndex: a,
        first,
        last,
        email: emailOf(first, last, company.emailDomain),
        title,
        optedOut,
      };
      persons.push(person);
      contacts.push({
        Id: person.contactId,
        AccountId: r.chance(0.1) ? id15("001", a + 1) : id18("001", a + 1),
        FirstName: first,
        LastName: last,
        Email: person.email,
        Title: title,
        Phone: r.chance(0.6) ? `+1 555 ${String(1000 + contactN).slice(-4)}` : undefined,
        MailingCountry: company.country,
        HasOptedOutOfEmail: optedOut,
        DoNotCall: r.chance(0.05),
        CreatedDate: sfDateTime(NOW - r.int(100, 900) * DAY, r),
        LastModifiedDate: sfDateTime(NOW - r.int(1, 90) * DAY, r),
        Description: contactN % 17 === 0 ? `Met at "Dreamforce", asked about pricing,\nfollow up in Q1` : undefined,
        Seniority__c: exec ? "C-Level" : title.startsWith("VP") || title.startsWith("Head") ? "VP" : title.startsWith("Director") ? "Director" : "Staff",
        Ad_Opt_Out__c: r.chance(0.1),
      });
    }
  });
  // hand-placed: a record with broken quoting (reported and skipped)
  const contactHeader = Object.keys(contacts[0]!);
  files["salesforce/Contact.csv"] =
    csvText(contactHeader, contacts, "\r\n") +
    `${id15("003", 9999)},${id18("001", 1)},Broken,Quo"te,broken.quote@acme-analytics.com,,,,false,false,,,,,false\r\n`;

  // ---- leads: converted ones point at contacts, open ones are new people ----
  const leads: Row[] = [];
  let leadN = 0;
  for (let k = 0; k < 8; k++) {
    const p = persons[k * 13 + 2]!;
    leadN++;
    p.leadId = id18("00Q", leadN);
    leads.push({
      Id: p.leadId,
      FirstName: p.first,
      LastName: p.last,
      Email: k % 2 === 0 ? p.email.toUpperCase() : p.email,
      Company: SAMPLE_COMPANIES[p.accountIndex!]!.name,
      Title: p.title,
      Country: SAMPLE_COMPANIES[p.accountIndex!]!.country,
      Status: "Converted",
      IsConverted: true,
      ConvertedContactId: k % 3 === 0 ? id15("003", Number(p.contactId!.slice(5, 15))) : p.contactId,
      ConvertedAccountId: id18("001", p.accountIndex! + 1),
      HasOptedOutOfEmail: k === 1, // an opt-out on the lead wins over the contact
      CreatedDate: sfDateTime(NOW - r.int(400, 800) * DAY, r),
      LastModifiedDate: sfDateTime(NOW - r.int(300, 399) * DAY, r),
    });
  }
  const openLeads: SamplePerson[] = [];
  for (let k = 0; k < 18; k++) {
    leadN++;
    const a = (k * 7) % SAMPLE_COMPANIES.length;
    const first = FIRST_NAMES[(k * 5 + 3) % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(k * 3 + 17) % LAST_NAMES.length]!;
    const company = SAMPLE_COMPANIES[a]!;
    const free = k % 6 === 5;
    const p: SamplePerson = {
      leadId: id18("00Q", leadN),
      first,
      last,
      email: free ? emailOf(first, last, "gmail.com") : emailOf(first, last, company.emailDomain),
      title: r.pick([...EXEC_TITLES, ...OTHER_TITLES]),
      optedOut: r.chance(0.1),
    };
    openLeads.push(p);
    leads.push({
      Id: p.leadId,
      FirstName: first,
      LastName: last,
      Email: p.email,
      Company: company.name,
      Title: p.title,
      Country: company.country,
      Status: r.pick(["Open - Not Contacted", "Working - Contacted"]),
      IsConverted: false,
      HasOptedOutOfEmail: p.optedOut,
      CreatedDate: sfDateTime(NOW - r.int(10, 200) * DAY, r),
      LastModifiedDate: sfDateTime(NOW - r.int(1, 9) * DAY, r),
    });
  }
  files["salesforce/Lead.csv"] = csvText(Object.keys(leads[0]!), leads, "\r\n");

  // ---- account-contact relations: people who also work with a second account ----
  const relations: Row[] = [];
  for (let k = 0; k < 14; k++) {
    const p = persons[(k * 9 + 4) % persons.length]!;
    const other = (p.accountIndex! + 1 + (k % 5)) % SAMPLE_COMPANIES.length;
    relations.push({
      Id: id18("07k", k + 1),
      AccountId: id18("001", other + 1),
      ContactId: p.contactId,
      IsActive: k % 4 !== 3,
      IsDirect: false,
      Roles: k % 3 === 0 ? "Decision Maker;Influencer" : r.pick(["Influencer", "Evaluator", "Technical Buyer"]),
      StartDate: date(NOW - r.int(60, 700) * DAY),
      EndDate: k % 4 === 3 ? date(NOW - r.int(5, 50) * DAY) : undefined,
    });
  }
  files["salesforce/AccountContactRelation.csv"] = csvText(Object.keys(relations[0]!), relations, "\r\n");

  // ---- opportunities and contact roles ----
  const opportunities: Row[] = [];
  const roles: Row[] = [];
  const peopleOf = (a: number) => persons.filter((p) => p.accountIndex === a);
  const addOpportunity = (a: number, stage: string, closeMs: number, amount: number, type: string) => {
    const n = opportunities.length + 1;
    const closed = stage.startsWith("Closed");
    const probability =
      { Prospecting: 10, Qualification: 20, "Proposal/Price Quote": 60, "Negotiation/Review": 80, "Closed Won": 100, "Closed Lost": 0 }[stage] ?? 0;
    opportunities.push({
      Id: id18("006", n),
      AccountId: id18("001", a + 1),
      Name: `${SAMPLE_COMPANIES[a]!.name} - ${type}`,
      StageName: stage,
      Amount: amount,
      CurrencyIsoCode: "USD",
      CloseDate: date(closeMs),
      IsClosed: closed,
      IsWon: stage === "Closed Won",
      Type: type,
      Probability: probability,
      CreatedDate: sfDateTime(closeMs - r.int(40, 150) * DAY, r),
    });
    const people = peopleOf(a);
    people.slice(0, r.int(1, Math.min(2, people.length))).forEach((p, i) =>
      roles.push({
        Id: id18("00K", roles.length + 1),
        OpportunityId: id18("006", n),
        ContactId: p.contactId,
        Role: i === 0 ? "Economic Buyer" : r.pick(["Technical Buyer", "Influencer", "Evaluator"]),
        IsPrimary: i === 0,
      }),
    );
  };
  SAMPLE_COMPANIES.forEach((_, a) => {
    const type = typeOf(a);
    if (type === "Customer") {
      addOpportunity(a, "Closed Won", NOW - r.int(90, 330) * DAY, r.int(20, 300) * 1000, "New Business");
      if (a % 2 === 0) addOpportunity(a, r.pick(["Proposal/Price Quote", "Negotiation/Review"]), NOW + r.int(10, 80) * DAY, r.int(20, 200) * 1000, "Renewal");
    } else if (type === "Prospect") {
      addOpportunity(
        a,
        r.pick(["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review"]),
        NOW + r.int(15, 120) * DAY,
        r.int(10, 250) * 1000,
        "New Business",
      );
      if (a % 5 === 2) addOpportunity(a, "Closed Lost", NOW - r.int(30, 200) * DAY, r.int(10, 90) * 1000, "New Business");
    }
  });
  // recently won (in the last 30 days)
  for (const a of [2, 10, 16]) addOpportunity(a, "Closed Won", NOW - r.int(3, 25) * DAY, r.int(50, 400) * 1000, "Expansion");
  files["salesforce/Opportunity.csv"] = csvText(Object.keys(opportunities[0]!), opportunities, "\r\n");
  files["salesforce/OpportunityContactRole.csv"] = csvText(Object.keys(roles[0]!), roles, "\r\n");

  // ---- campaigns and members ----
  const campaigns: Row[] = [
    {
      Id: id18("701", 1),
      Name: "Q4 Data Hub Webinar",
      Type: "Webinar",
      Status: "In Progress",
      StartDate: date(NOW - 40 * DAY),
      EndDate: date(NOW + 20 * DAY),
      IsActive: true,
    },
    {
      Id: id18("701", 2),
      Name: "November Newsletter",
      Type: "Email",
      Status: "Completed",
      StartDate: date(NOW - 20 * DAY),
      EndDate: date(NOW - 19 * DAY),
      IsActive: false,
    },
    {
      Id: id18("701", 3),
      Name: "ABM Summit, Berlin",
      Type: "Event",
      Status: "Planned",
      StartDate: date(NOW + 30 * DAY),
      EndDate: date(NOW + 31 * DAY),
      IsActive: true,
    },
    {
      Id: id18("701", 4),
      Name: "Analytics Ebook",
      Type: "Content",
      Status: "In Progress",
      StartDate: date(NOW - 200 * DAY),
      EndDate: undefined,
      IsActive: true,
    },
  ];
  files["salesforce/Campaign.csv"] = csvText(Object.keys(campaigns[0]!), campaigns, "\r\n");
  const members: Row[] = [];
  persons.forEach((p, i) => {
    if (i % 3 !== 0) return;
    const responded = r.chance(0.4);
    members.push({
      Id: id18("00v", members.length + 1),
      CampaignId: id18("701", (i % 4) + 1),
      ContactId: p.contactId,
      LeadId: undefined,
      Status: responded ? "Responded" : "Sent",
      HasResponded: responded,
      FirstRespondedDate: responded ? date(NOW - r.int(1, 40) * DAY) : undefined,
      CreatedDate: sfDateTime(NOW - r.int(41, 60) * DAY, r),
    });
  });
  openLeads.slice(0, 5).forEach((p) =>
    members.push({
      Id: id18("00v", members.length + 1),
      CampaignId: id18("701", 1),
      ContactId: undefined,
      LeadId: p.leadId,
      Status: "Registered",
      HasResponded: true,
      FirstRespondedDate: date(NOW - r.int(1, 30) * DAY),
      CreatedDate: sfDateTime(NOW - 35 * DAY, r),
    }),
  );
  files["salesforce/CampaignMember.csv"] = csvText(Object.keys(members[0]!), members, "\r\n");

  // ---- products (CSV) and assets (REST JSON with the nested Product2) ----
  const productId = (code: string) => id18("01t", PRODUCTS.findIndex((p) => p.code === code) + 1);
  files["salesforce/Product2.csv"] = csvText(
    ["Id", "Name", "Family", "ProductCode", "IsActive"],
    PRODUCTS.map((p) => ({ Id: productId(p.code), Name: p.name, Family: p.family, ProductCode: p.code, IsActive: true })),
    "\r\n",
  );
  const assets: Row[] = [];
  const asset = (a: number, code: string, purchasedDaysAgo: number, status: string) => {
    const product = PRODUCTS.find((p) => p.code === code)!;
    const id = id18("02i", assets.length + 1);
    assets.push({
      attributes: { type: "Asset", url: `/services/data/v62.0/sobjects/Asset/${id}` },
      Id: id,
      AccountId: id18("001", a + 1),
      Name: `${SAMPLE_COMPANIES[a]!.name} ${product.name}`,
      PurchaseDate: date(NOW - purchasedDaysAgo * DAY),
      Status: status,
      Product2Id: productId(code),
      Product2: {
        attributes: { type: "Product2", url: `/services/data/v62.0/sobjects/Product2/${productId(code)}` },
        Name: product.name,
        Family: product.family,
      },
    });
  };
  SAMPLE_COMPANIES.forEach((_, a) => {
    const type = typeOf(a);
    if (type === "Customer") {
      asset(a, "ANALYTICS", r.int(95, 270), "Installed"); // 3–9 months ago
      if (a % 2 === 0) asset(a, "DATAHUB", r.int(30, 200), "Installed");
      if (a % 3 === 0) asset(a, "SUPPORT", r.int(300, 600), "Installed");
    } else if (type === "Partner") asset(a, "ENGAGE", r.int(100, 500), "Installed");
  });
  asset(1, "ANALYTICS", 500, "Obsolete"); // bought long ago, not in the 3–9 month window
  files["salesforce/Asset.json"] = JSON.stringify({ totalSize: assets.length, done: true, records: assets }, null, 2) + "\n";

  // ---- Marketo leads ----
  const mLeads: Row[] = [];
  interface MarketoPerson {
    id: number;
    engagement: "high" | "medium" | "low" | "none";
  }
  const mPeople: MarketoPerson[] = [];
  const addLead = (row: Row) => {
    const id = 1000 + mLeads.length + 1;
    const roll = r.next();
    mPeople.push({ id, engagement: roll < 0.12 ? "high" : roll < 0.32 ? "medium" : roll < 0.57 ? "low" : "none" });
    mLeads.push({
      id,
      ...row,
      createdAt: marketoDateTime(NOW - r.int(200, 700) * DAY),
      updatedAt: marketoDateTime(NOW - r.int(1, 100) * DAY),
      leadScore: r.int(0, 100),
    });
  };
  persons.forEach((p, i) => {
    if (i % 4 === 3) return;
    addLead({
      email: i % 5 === 0 ? `  ${p.email.toUpperCase()} ` : p.email,
      firstName: p.first,
      lastName: p.last,
      title: i % 6 === 0 ? r.pick(OTHER_TITLES) : p.title,
      company: SAMPLE_COMPANIES[p.accountIndex!]!.name,
      sfdcType: "Contact",
      sfdcContactId: i % 7 === 0 ? p.contactId!.slice(0, 15) : p.contactId,
      sfdcLeadId: p.leadId,
      sfdcAccountId: id18("001", p.accountIndex! + 1),
      unsubscribed: i % 11 === 5 ? true : p.optedOut,
      adOptOut: i % 9 === 4,
    });
  });
  openLeads.forEach((p, k) => {
    if (k % 3 === 2) return;
    addLead({
      email: p.email,
      firstName: p.first,
      lastName: p.last,
      title: p.title,
      sfdcType: "Lead",
      sfdcLeadId: p.leadId,
      unsubscribed: p.optedOut,
      adOptOut: false,
    });
  });
  // Marketo-only people: at known companies (linked by email domain), on free mail, and the hand-placed edge cases
  for (let k = 0; k < 14; k++) {
    const a = (k * 11 + 5) % SAMPLE_COMPANIES.length;
    const first = FIRST_NAMES[(k * 13 + 1) % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(k * 17 + 5) % LAST_NAMES.length]!;
    const domain = k % 5 === 4 ? r.pick(["gmail.com", "outlook.com", "yahoo.co.uk"]) : SAMPLE_COMPANIES[a]!.emailDomain;
    addLead({
      email: emailOf(first, last, domain),
      firstName: first,
      lastName: last,
      title: r.pick([...EXEC_TITLES, ...OTHER_TITLES]),
      company: SAMPLE_COMPANIES[a]!.name,
      unsubscribed: false,
      adOptOut: false,
    });
  }
  addLead({ email: "jo.miller@gmail.com", firstName: "Jo", lastName: "Miller", unsubscribed: false }); // Gmail dots are not stripped:
  addLead({ email: "jomiller@gmail.com", firstName: "Jo", lastName: "Miller", unsubscribed: false }); // these two stay two people
  addLead({ email: "test@test.com", firstName: "Test", lastName: "Lead", unsubscribed: false }); // blocked value
  addLead({ email: "TEST@test.com", firstName: "Test", lastName: "Again", unsubscribed: false });
  for (let k = 0; k < 6; k++)
    addLead({ email: "info@northwind-health.com", firstName: "Info", lastName: `Desk ${k + 1}`, company: "Northwind Health", unsubscribed: false }); // over the cap
  addLead({ email: "lee@pagesstudio.github.io", firstName: "Lee", lastName: "Park", title: "CMO", company: "Pages Studio", unsubscribed: false }); // private suffix: linked
  addLead({ email: "kim@otherstudio.github.io", firstName: "Kim", lastName: "Ode", title: "CIO", company: "Other Studio", unsubscribed: false }); // another github.io site: not linked
  files["marketo/leads.csv"] = csvText(
    [
      "id",
      "email",
      "firstName",
      "lastName",
      "title",
      "company",
      "sfdcType",
      "sfdcContactId",
      "sfdcLeadId",
      "sfdcAccountId",
      "unsubscribed",
      "createdAt",
      "updatedAt",
      "leadScore",
      "adOptOut",
    ],
    mLeads,
    "\n",
  );

  // ---- Marketo companies and opportunities ----
  const companies: Row[] = SAMPLE_COMPANIES.slice(0, 10).map((c, i) => ({
    id: 500 + i + 1,
    company: c.name.toUpperCase(),
    website: c.emailDomain,
    industry: c.industry,
    numberOfEmployees: undefined,
    billingCountry: c.country,
    sfdcAccountId: id18("001", i + 1),
    externalCompanyId: `ext-${i + 1}`,
  }));
  companies.push({
    id: 600,
    company: "Orbit Logistics",
    website: "orbit-logistics.com",
    industry: "Manufacturing",
    billingCountry: "Spain",
    externalCompanyId: "ext-orbit",
  });
  files["marketo/companies.csv"] = csvText(Object.keys(companies[0]!), companies, "\n");
  files["marketo/opportunities.csv"] = csvText(
    ["marketoGUID", "externalOpportunityId", "externalCompanyId", "name", "stage", "amount", "closeDate", "isClosed", "isWon"],
    [
      {
        marketoGUID: "mo-1",
        externalOpportunityId: opportunities[0]!.Id,
        externalCompanyId: "ext-1",
        name: `${opportunities[0]!.Name} (synced)`,
        stage: opportunities[0]!.StageName,
        amount: opportunities[0]!.Amount,
        closeDate: opportunities[0]!.CloseDate,
        isClosed: opportunities[0]!.IsClosed,
        isWon: opportunities[0]!.IsWon,
      },
      {
        marketoGUID: "mo-2",
        externalCompanyId: "ext-orbit",
        name: "Orbit Logistics - New Business",
        stage: "Qualification",
        amount: 30000,
        closeDate: date(NOW + 60 * DAY),
        isClosed: false,
        isWon: false,
      },
    ],
    "\n",
  );

  // ---- Marketo activities ----
  const activities: Row[] = [];
  const kinds = [
    { typeId: 7, weight: 5 },
    { typeId: 10, weight: 4 },
    { typeId: 1, weight: 4 },
    { typeId: 11, weight: 2 },
    { typeId: 3, weight: 1 },
    { typeId: 2, weight: 1 },
  ];
  const totalWeight = kinds.reduce((s, k) => s + k.weight, 0);
  const activity = (leadId: number, at: number) => {
    let roll = r.next() * totalWeight;
    const kind = kinds.find((k) => (roll -= k.weight) < 0) ?? kinds[0]!;
    const email = r.pick(EMAILS);
    const page = r.pick(WEBPAGES);
    const form = r.pick(FORMS);
    const common = { marketoGUID: String(700000 + activities.length + 1), leadId, activityDate: marketoDateTime(at), activityTypeId: kind.typeId };
    switch (kind.typeId) {
      case 1:
        activities.push({
          ...common,
          primaryAttributeValueId: WEBPAGES.indexOf(page) + 1,
          primaryAttributeValue: page,
          attributes: JSON.stringify({
            "Webpage URL": page,
            "Query Parameters": r.chance(0.3) ? "utm_source=linkedin&utm_medium=paid" : "",
            "Referrer URL": r.chance(0.5) ? "https://www.google.com/" : "",
          }),
        });
        break;
      case 2:
        activities.push({
          ...common,
          campaignId: 3001,
          primaryAttributeValueId: FORMS.indexOf(form) + 1,
          primaryAttributeValue: form,
          attributes: JSON.stringify({ "Webpage ID": 8, "Form Fields": `{"Company":"sample"}` }),
        });
        break;
      case 3:
        activities.push({
          ...common,
          primaryAttributeValueId: 40,
          primaryAttributeValue: `https://example.org${page}`,
          attributes: JSON.stringify({ "Referrer URL": "" }),
        });
        break;
      default:
        activities.push({
          ...common,
          campaignId: 2000 + EMAILS.indexOf(email),
          primaryAttributeValueId: 100 + EMAILS.indexOf(email),
          primaryAttributeValue: email,
          attributes: JSON.stringify({ "Campaign Run ID": 5000 + EMAILS.indexOf(email), "Choice Number": 0, "Step ID": 1 }),
        });
    }
  };
  for (const p of mPeople) {
    const background = r.int(0, 8);
    for (let k = 0; k < background; k++) activity(p.id, NOW - r.int(31, 364) * DAY - r.int(0, 86_399) * 1000);
    const recent = p.engagement === "high" ? r.int(10, 16) : p.engagement === "medium" ? r.int(3, 7) : p.engagement === "low" ? r.int(1, 2) : 0;
    for (let k = 0; k < recent; k++) activity(p.id, NOW - r.int(0, 28) * DAY - r.int(0, 86_399) * 1000);
  }
  activities.sort((x, y) => String(x.activityDate).localeCompare(String(y.activityDate)) || Number(x.marketoGUID) - Number(y.marketoGUID));
  // hand-placed: a non-JSON attributes cell (loaded without attributes), an unknown activity type,
  // an unreadable date (rejected) and a repeated marketoGUID (rejected)
  activities.push({
    marketoGUID: "799001",
    leadId: 1001,
    activityDate: marketoDateTime(NOW - 2 * DAY),
    activityTypeId: 1,
    primaryAttributeValueId: 2,
    primaryAttributeValue: "/pricing",
    attributes: "Webpage URL=/pricing; not JSON",
  });
  activities.push({ marketoGUID: "799002", leadId: 1002, activityDate: marketoDateTime(NOW - 3 * DAY), activityTypeId: 999, attributes: "{}" });
  activities.push({
    marketoGUID: "799003",
    leadId: 1003,
    activityDate: "20/11/2026 10:00",
    activityTypeId: 10,
    primaryAttributeValue: "Newsletter November",
    attributes: "{}",
  });
  activities.push({ ...activities[0]!, attributes: "{}" });
  files["marketo/activities.csv"] = csvText(
    ["marketoGUID", "leadId", "activityDate", "activityTypeId", "campaignId", "primaryAttributeValueId", "primaryAttributeValue", "attributes"],
    activities,
    "\n",
  );

  // ---- partner files ----
  const intent: Row[] = [];
  SAMPLE_COMPANIES.forEach((c, a) => {
    if (a % 5 === 4) return;
    const topics = r.int(1, 3);
    for (let k = 0; k < topics; k++) {
      const surge = (a % 4 === 0 && k === 0) || r.chance(0.15);
      const spelled = [c.website, `www.${c.emailDomain}`, c.emailDomain.toUpperCase(), `https://${c.emailDomain}/`][k % 4]!;
      intent.push({
        domain: spelled,
        topic: INTENT_TOPICS[(a + k) % INTENT_TOPICS.length],
        score: surge ? r.int(72, 99) : r.int(15, 69),
        observedAt: date(NOW - r.int(1, 45) * DAY),
      });
    }
  });
  intent.push({ domain: "unknown-company.example", topic: "Customer Data Platform", score: 91, observedAt: date(NOW - 4 * DAY) }); // matches no account
  intent.push({ domain: "cloudnine.com", topic: "Data Warehouse", score: "high", observedAt: date(NOW - 6 * DAY) }); // score not a number
  files["partner/intent.csv"] = csvText(["domain", "topic", "score", "observedAt"], intent, "\n");
  const techno: Row[] = [];
  SAMPLE_COMPANIES.forEach((c, a) => {
    const count = r.int(1, 3);
    for (let k = 0; k < count; k++) techno.push({ domain: k === 0 ? c.website : c.emailDomain, ...TECHNOLOGIES[(a * 3 + k) % TECHNOLOGIES.length] });
  });
  files["partner/technographics.csv"] = csvText(["domain", "technology", "category", "vendor"], techno, "\n");
  const firmo: Row[] = accounts
    .filter((acc) => typeof acc.DunsNumber === "string" && acc.Id !== id15("001", 1))
    .map((acc) => ({
      duns: String(acc.DunsNumber).replace(/-/g, ""),
      employees: Number(acc.NumberOfEmployees) + r.int(-20, 20),
      revenue: acc.AnnualRevenue,
      industry: acc.Industry,
      country: acc.BillingCountry,
      yearFounded: r.int(1900, 2018),
    }));
  firmo.push({ duns: "999999999", employees: 10, revenue: 1000000, industry: "Retail", country: "United States", yearFounded: 2001 });
  files["partner/firmographics.csv"] = csvText(["duns", "employees", "revenue", "industry", "country", "yearFounded"], firmo, "\n");
  return files;
}

/** Writes the generated files under a folder (the sample's `examples/data`). */
export function writeSampleFiles(folder: string, seed?: number): string[] {
  const files = generateSampleFiles(seed);
  for (const [name, text] of Object.entries(files)) {
    const target = join(folder, name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text, "utf8");
  }
  return Object.keys(files).sort();
}

// `tsx src/sample/generate.ts` regenerates examples/data
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const written = writeSampleFiles(fileURLToPath(new URL("../../data/", import.meta.url)));
  console.log(`wrote ${written.length} files: ${written.join(", ")}`);
}
