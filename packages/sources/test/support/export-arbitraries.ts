import fc from "fast-check";
import {
  FIRMOGRAPHICS_MAPPING,
  INTENT_MAPPING,
  TECHNOGRAPHICS_MAPPING,
  type ExportFile,
  type FieldMapping,
  type MarketoExport,
  type PartnerFileMapping,
  type SalesforceObject,
} from "../../src/index.js";

/**
 * fast-check generators of export files in the exporters' own shapes (the
 * columns Data Loader, Marketo and partner files have), with values that are
 * mostly right and sometimes wrong, so that many records load and the rest
 * are rejected for every reason a reader has.
 */

type Kind = "sfid" | "text" | "email" | "int" | "number" | "bool" | "date" | "instant" | "multi" | "json" | "domain" | "activityType";

const SF_IDS = [
  "001Hs00001AcmeAIAR",
  "001Hs00001BetaB",
  "003Hs00002JaneDIAR",
  "003Hs00002AnnaF",
  "00QHs00003LeadGMAR",
  "006Hs00005OppA1IAJ",
  "701Hs00000CampAIAR",
  "01tHs00000ProdA",
];
const GARBAGE = [
  "",
  " ",
  "null",
  "NaN",
  "-",
  "n/a",
  "\uFFFD",
  "😀",
  "1e400",
  "2026-02-30",
  "x".repeat(1100),
  "constructor",
  "__proto__",
  '"',
  "a,b",
  "line\nbreak",
];

const valueOf: Record<Kind, fc.Arbitrary<string>> = {
  sfid: fc.constantFrom(...SF_IDS),
  text: fc.oneof(fc.constantFrom("Acme, Inc.", "Müller GmbH", 'VP "Marketing"', "Dreamforce\nattendee"), fc.string({ maxLength: 12 })),
  email: fc.oneof(fc.constantFrom("jane@acme.com", "JANE@ACME.COM", "anna@mueller.de", "test@test.com", "carl@gmail.com"), fc.emailAddress()),
  int: fc.integer({ min: 0, max: 100_000 }).map(String),
  number: fc.oneof(fc.integer({ min: -10, max: 10_000_000 }).map(String), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map(String)),
  bool: fc.constantFrom("true", "false", "TRUE", "0", "1"),
  date: fc.constantFrom("2026-11-01", "2024-02-29", "2026-12-31"),
  instant: fc.constantFrom("2026-11-10T14:00:00Z", "2026-03-01T09:30:00.000+0000", "2026-03-01 09:30+01:00"),
  multi: fc.constantFrom("Enterprise;EMEA", "SMB", "a; b ;;c"),
  json: fc.constantFrom(
    '{"Webpage URL":"/pricing","Query Parameters":"utm_source=ads"}',
    '[{"name":"Form Fields","value":{"Company":"Acme"}}]',
    "not json",
    "[1,2]",
    '{"":1}',
  ),
  domain: fc.constantFrom("acme.com", "https://www.acme.com/about", "WWW.BETA.CO.UK", "15-048-3782", "150483782"),
  activityType: fc.constantFrom("1", "2", "10", "999"),
};
/** A column's kind (own keys only: extras such as `constructor` are text). */
const kindOf = (columns: Record<string, Kind>, column: string): Kind => (Object.hasOwn(columns, column) ? columns[column]! : "text");
/** A value of a column: usually of its type, sometimes anything. */
const cellOf = (kind: Kind) =>
  fc.oneof({ weight: 6, arbitrary: valueOf[kind] }, { weight: 1, arbitrary: fc.constantFrom(...GARBAGE) }, { weight: 1, arbitrary: fc.constant("") });

const SALESFORCE: Record<SalesforceObject, Record<string, Kind>> = {
  Account: {
    Id: "sfid",
    Name: "text",
    Website: "domain",
    Industry: "text",
    NumberOfEmployees: "int",
    AnnualRevenue: "number",
    BillingCountry: "text",
    DunsNumber: "domain",
    ParentId: "sfid",
    CreatedDate: "instant",
    Tier__c: "text",
    Segments__c: "multi",
  },
  Contact: {
    Id: "sfid",
    AccountId: "sfid",
    Email: "email",
    FirstName: "text",
    LastName: "text",
    Title: "text",
    HasOptedOutOfEmail: "bool",
    DoNotCall: "bool",
    MailingCountry: "text",
    LastModifiedDate: "instant",
    Score__c: "number",
  },
  Lead: {
    Id: "sfid",
    Email: "email",
    LastName: "text",
    Company: "text",
    IsConverted: "bool",
    ConvertedContactId: "sfid",
    ConvertedAccountId: "sfid",
    Country: "text",
  },
  AccountContactRelation: {
    Id: "sfid",
    AccountId: "sfid",
    ContactId: "sfid",
    IsActive: "bool",
    IsDirect: "bool",
    Roles: "multi",
    StartDate: "date",
    EndDate: "date",
  },
  Opportunity: {
    Id: "sfid",
    AccountId: "sfid",
    Name: "text",
    StageName: "text",
    Amount: "number",
    CloseDate: "date",
    IsClosed: "bool",
    IsWon: "bool",
    Probability: "number",
  },
  OpportunityContactRole: { Id: "sfid", OpportunityId: "sfid", ContactId: "sfid", Role: "text", IsPrimary: "bool" },
  Asset: { Id: "sfid", AccountId: "sfid", Product2Id: "sfid", Name: "text", PurchaseDate: "date", Status: "text", "Product2.Name": "text" },
  Product2: { Id: "sfid", Name: "text", Family: "text" },
  Campaign: { Id: "sfid", Name: "text", Type: "text", Status: "text", StartDate: "date", IsActive: "bool" },
  CampaignMember: {
    Id: "sfid",
    CampaignId: "sfid",
    ContactId: "sfid",
    LeadId: "sfid",
    Status: "text",
    HasResponded: "bool",
    FirstRespondedDate: "date",
    CreatedDate: "instant",
  },
};
const MARKETO: Record<MarketoExport, Record<string, Kind>> = {
  leads: {
    id: "int",
    email: "email",
    firstName: "text",
    lastName: "text",
    company: "text",
    sfdcContactId: "sfid",
    sfdcLeadId: "sfid",
    sfdcAccountId: "sfid",
    unsubscribed: "bool",
    updatedAt: "instant",
    leadScore: "int",
  },
  activities: {
    marketoGUID: "int",
    leadId: "int",
    activityDate: "instant",
    activityTypeId: "activityType",
    campaignId: "int",
    primaryAttributeValueId: "int",
    primaryAttributeValue: "text",
    attributes: "json",
  },
  companies: {
    id: "int",
    externalCompanyId: "text",
    company: "text",
    website: "domain",
    numberOfEmployees: "int",
    annualRevenue: "number",
    sfdcAccountId: "sfid",
  },
  opportunities: {
    marketoGUID: "text",
    externalOpportunityId: "sfid",
    externalCompanyId: "text",
    name: "text",
    stage: "text",
    amount: "number",
    closeDate: "date",
    isClosed: "bool",
    isWon: "bool",
  },
};
const PARTNER_COLUMNS: readonly [PartnerFileMapping, Record<string, Kind>][] = [
  [INTENT_MAPPING, { domain: "domain", topic: "text", score: "int", observedAt: "date" }],
  [TECHNOGRAPHICS_MAPPING, { domain: "domain", technology: "text", category: "text", vendor: "text" }],
  [FIRMOGRAPHICS_MAPPING, { duns: "domain", employees: "int", revenue: "number", industry: "text", country: "text", yearFounded: "int" }],
];
/** Declared mappings whose columns include proto-named ones. */
export const MAPPINGS: readonly [FieldMapping, Record<string, Kind>][] = [
  [
    {
      entity: "person",
      system: "webinar",
      idColumn: "id",
      fields: { email: { field: "email", type: "string" }, constructor: { field: "title", type: "string" as const } },
      identities: [{ column: "crmContact", namespace: "salesforce.contact" }],
      account: { column: "crmAccount", namespace: "salesforce.account" },
    },
    { id: "int", email: "email", constructor: "text" as Kind, crmContact: "sfid", crmAccount: "sfid", toString: "text" as Kind, attended: "bool" },
  ],
  [
    {
      entity: "account",
      system: "crm",
      idColumn: "Id",
      fields: { Website: { field: "domain", type: "string" }, Revenue: { field: "annualRevenue", type: "number" } },
    },
    { Id: "int", Website: "domain", Revenue: "number", valueOf: "text" as Kind },
  ],
  [
    { entity: "event", system: "web", idColumn: "id", owner: { column: "email", namespace: "email" }, eventType: { column: "kind" }, occurredAtColumn: "at" },
    { id: "int", email: "email", kind: "text", at: "instant", page: "text", hasOwnProperty: "text" as Kind },
  ],
];

/** A header drawn from a shape: most of its columns, in any order, sometimes with an extra, repeated or unnamed column. */
const headerOf = (columns: Record<string, Kind>) =>
  fc
    .tuple(
      fc.subarray(Object.keys(columns), { minLength: 1 }),
      fc.array(fc.constantFrom("Extra__c", "constructor", "__proto__", "", ...Object.keys(columns)), { maxLength: 2 }),
    )
    .chain(([keep, extra]) => fc.shuffledSubarray([...keep, ...extra], { minLength: keep.length + extra.length, maxLength: keep.length + extra.length }));

const quote = (v: string) => (/[",\r\n]/.test(v) || v.startsWith(" ") ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV file of a shape, with a few broken lines (malformed quotes, missing fields) mixed in, as bytes. */
export function csvOf(columns: Record<string, Kind>): fc.Arbitrary<Buffer> {
  return headerOf(columns).chain((header) => {
    const row = fc.tuple(...header.map((c) => cellOf(kindOf(columns, c)))).map((cells) => cells.map(quote).join(","));
    const broken = fc.constantFrom('x, "abc",y', 'a,"b"c', "only", '"never closed');
    const line = fc.oneof({ weight: 8, arbitrary: row }, { weight: 1, arbitrary: broken });
    return fc
      .tuple(fc.array(line, { maxLength: 10 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
      .map(([lines, eol, bom]) => Buffer.from((bom ? "\uFEFF" : "") + [header.map(quote).join(","), ...lines].join(eol) + eol));
  });
}

/** A JSON value of a column: typed like the CSV text, or the JSON type itself. */
const jsonCellOf = (kind: Kind): fc.Arbitrary<unknown> =>
  kind === "int" || kind === "number"
    ? fc.oneof(fc.integer({ min: 0, max: 100_000 }), cellOf(kind))
    : kind === "bool"
      ? fc.oneof(fc.boolean(), cellOf(kind))
      : fc.oneof(cellOf(kind), fc.constant(null));

/** A JSON record of a shape (some of its columns, sometimes a proto-named or empty key). */
const recordOf = (columns: Record<string, Kind>) =>
  headerOf(columns).chain((keys) =>
    fc.tuple(...keys.map((k) => jsonCellOf(kindOf(columns, k)))).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]))),
  );

/** A Salesforce REST query result (or its pages) of an object: records with `attributes`, relationship objects, sometimes a bad record. */
export function salesforceJsonOf(object: SalesforceObject): fc.Arbitrary<Buffer> {
  const record = recordOf(SALESFORCE[object]).map((r) => {
    const { "Product2.Name": productName, ...rest } = r as Record<string, unknown>;
    return {
      attributes: { type: object, url: `/services/data/v62.0/sobjects/${object}/x` },
      ...rest,
      ...(productName !== undefined ? { Product2: { attributes: { type: "Product2", url: "/p" }, Name: productName } } : {}),
    };
  });
  const records = fc.array(fc.oneof({ weight: 8, arbitrary: record }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }), { maxLength: 8 });
  return fc
    .oneof(
      records.map((rs) => ({ totalSize: rs.length, done: true, records: rs })),
      fc.array(records, { minLength: 1, maxLength: 3 }).map((pages) => pages.map((rs, i) => ({ totalSize: 99, done: i === pages.length - 1, records: rs }))),
    )
    .map((json) => Buffer.from(JSON.stringify(json)));
}

/** A Marketo REST response (`result`) or a plain array of records. */
export function marketoJsonOf(kind: MarketoExport): fc.Arbitrary<Buffer> {
  const records = fc.array(recordOf(MARKETO[kind]), { maxLength: 8 });
  return fc
    .oneof(
      records.map((result) => ({ requestId: "e42b#14272d07d78", success: true, result })),
      records,
    )
    .map((json) => Buffer.from(JSON.stringify(json)));
}

/** An export file of any source, written by `write`, in the shape its reader expects. */
export function exportFileOf(write: (name: string, content: Buffer) => string): fc.Arbitrary<ExportFile> {
  const objects = Object.keys(SALESFORCE) as SalesforceObject[];
  const kinds = Object.keys(MARKETO) as MarketoExport[];
  return fc.oneof(
    fc
      .constantFrom(...objects)
      .chain((object) => csvOf(SALESFORCE[object]).map((b): ExportFile => ({ source: "salesforce", object, path: write(`${object}.csv`, b) }))),
    fc
      .constantFrom(...objects)
      .chain((object) => salesforceJsonOf(object).map((b): ExportFile => ({ source: "salesforce", object, path: write(`${object}.json`, b) }))),
    fc
      .constantFrom(...kinds)
      .chain((kind) => csvOf(MARKETO[kind]).map((b): ExportFile => ({ source: "marketo", export: kind, path: write(`${kind}.csv`, b) }))),
    fc
      .constantFrom(...kinds)
      .chain((kind) => marketoJsonOf(kind).map((b): ExportFile => ({ source: "marketo", export: kind, path: write(`${kind}.json`, b) }))),
    fc
      .constantFrom(...PARTNER_COLUMNS)
      .chain(([mapping, columns]) => csvOf(columns).map((b): ExportFile => ({ source: "partner", mapping, path: write("partner.csv", b) }))),
    fc
      .constantFrom(...MAPPINGS)
      .chain(([mapping, columns]) => csvOf(columns).map((b): ExportFile => ({ source: "mapped", mapping, path: write("mapped.csv", b) }))),
    fc
      .constantFrom(...MAPPINGS)
      .chain(([mapping, columns]) =>
        fc
          .array(recordOf(columns), { maxLength: 8 })
          .map((rs): ExportFile => ({ source: "mapped", mapping, path: write("mapped.json", Buffer.from(JSON.stringify(rs))) })),
      ),
  );
}
