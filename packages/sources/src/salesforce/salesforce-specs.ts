import type { AttributeValue, IdentityBatch, RelatedRow, RelatedTableDefinition, SourceKey } from "@abm-kit/core";
import { z } from "zod";
import { checkArguments } from "../read/check-arguments.js";
import { consentFrom, type ConsentColumn } from "../read/consent-columns.js";
import type { MapInput, ObjectSpec } from "../read/object-spec.js";
import type { ValueType } from "../values/parse-value.js";
import { SALESFORCE_SYSTEM_FIELDS, SalesforceReadOptionsSchema, type SalesforceReadOptions } from "./salesforce-options.js";

/** The Salesforce objects the readers understand. */
export const SALESFORCE_OBJECTS = [
  "Account",
  "Contact",
  "Lead",
  "AccountContactRelation",
  "Opportunity",
  "OpportunityContactRole",
  "Asset",
  "Product2",
  "Campaign",
  "CampaignMember",
] as const;
export type SalesforceObject = (typeof SALESFORCE_OBJECTS)[number];

const DEFAULT_CONSENT: Record<string, ConsentColumn> = {
  HasOptedOutOfEmail: { channel: "email", optOutWhen: true },
  DoNotCall: { channel: "phone", optOutWhen: true },
};

type Values = MapInput["values"];
const str = (v: AttributeValue | undefined) => (typeof v === "string" ? v : undefined);
const num = (v: AttributeValue | undefined) => (typeof v === "number" ? v : undefined);
const bool = (v: AttributeValue | undefined) => (typeof v === "boolean" ? v : undefined);
const list = (v: AttributeValue | undefined) => (Array.isArray(v) ? v : undefined);
const attrs = (a: Readonly<Record<string, AttributeValue>>) => (Object.keys(a).length > 0 ? { attributes: { ...a } } : {});

/** Drops `undefined` properties so records stay minimal. */
function defined<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const name in o) {
    const v = o[name];
    if (v !== undefined) out[name] = v;
  }
  return out as T;
}

function spec(
  kind: SalesforceObject,
  entity: ObjectSpec["entity"],
  columns: Record<string, ValueType>,
  required: string[],
  map: ObjectSpec["map"],
  keepsExtras = true,
): ObjectSpec {
  return {
    kind: `salesforce:${kind}`,
    entity,
    columns,
    required,
    idColumn: "Id",
    isKnownExtra: (c) => keepsExtras && (c.endsWith("__c") || SALESFORCE_SYSTEM_FIELDS.has(c)),
    map,
  };
}

/**
 * The related table the Asset reader writes (`ownedProducts` unless
 * `options.ownedProductsTable` names another), keyed by account. The reader
 * declares it with its rows, so `toSnapshot` needs no declaration of it.
 */
export function ownedProductsTable(options: Pick<SalesforceReadOptions, "ownedProductsTable"> = {}): RelatedTableDefinition {
  return {
    name: options.ownedProductsTable ?? "ownedProducts",
    keyedBy: "account",
    fields: {
      product: { type: "string" },
      productId: { type: "string" },
      productCode: { type: "string" },
      productFamily: { type: "string" },
      quantity: { type: "number" },
      purchaseDate: { type: "date" },
      status: { type: "string" },
    },
    description: "Salesforce assets: the products each account owns",
  };
}

const SpecArgumentsSchema = z.object({ object: z.enum(SALESFORCE_OBJECTS), options: SalesforceReadOptionsSchema });

/**
 * The spec of one Salesforce object: its columns, types, and how a record
 * becomes identity-graph records. Throws `ValidationError` for an unknown object or bad options.
 */
export function salesforceSpec(object: SalesforceObject, options: SalesforceReadOptions = {}): ObjectSpec {
  checkArguments("salesforceSpec", SpecArgumentsSchema, { object, options });
  const instance = options.instance;
  const key = (obj: string, id: string): SourceKey =>
    instance === undefined ? { system: "salesforce", object: obj, id } : { system: "salesforce", instance, object: obj, id };
  const consentColumns = { ...DEFAULT_CONSENT, ...options.consentColumns };
  const consentOf = (v: Values, a: Readonly<Record<string, AttributeValue>>) => consentFrom(consentColumns, (c) => (Object.hasOwn(v, c) ? v[c] : a[c]));
  const personColumns: Record<string, ValueType> = {
    Id: "salesforceId",
    Email: "string",
    FirstName: "string",
    LastName: "string",
    Title: "string",
    Department: "string",
    Phone: "string",
    HasOptedOutOfEmail: "boolean",
    DoNotCall: "boolean",
    CreatedDate: "instant",
    LastModifiedDate: "instant",
  };
  const personFields = (v: Values, a: Readonly<Record<string, AttributeValue>>, country: string, city: string) =>
    defined({
      email: str(v.Email),
      firstName: str(v.FirstName),
      lastName: str(v.LastName),
      title: str(v.Title),
      department: str(v.Department),
      phone: str(v.Phone),
      country: str(v[country]),
      city: str(v[city]),
      consent: consentOf(v, a),
      createdAt: str(v.CreatedDate),
      updatedAt: str(v.LastModifiedDate),
      ...attrs(a),
    });

  switch (object) {
    case "Account":
      return spec(
        object,
        "account",
        {
          Id: "salesforceId",
          Name: "string",
          Website: "string",
          Industry: "string",
          NumberOfEmployees: "integer",
          AnnualRevenue: "number",
          BillingCountry: "string",
          DunsNumber: "string",
          Type: "string",
          ParentId: "salesforceId",
          CreatedDate: "instant",
          LastModifiedDate: "instant",
        },
        ["Id"],
        ({ values: v, attributes: a, origin }) => ({
          accounts: [
            {
              key: { namespace: "salesforce.account", value: str(v.Id)! },
              sourceKey: key("Account", str(v.Id)!),
              origin,
              account: defined({
                name: str(v.Name),
                domain: str(v.Website),
                industry: str(v.Industry),
                employeeCount: num(v.NumberOfEmployees),
                annualRevenue: num(v.AnnualRevenue),
                country: str(v.BillingCountry),
                duns: str(v.DunsNumber),
                type: str(v.Type),
                parentAccountId: str(v.ParentId),
                createdAt: str(v.CreatedDate),
                updatedAt: str(v.LastModifiedDate),
                ...attrs(a),
              }),
            },
          ],
        }),
      );
    case "Contact":
      return spec(
        object,
        "person",
        { ...personColumns, AccountId: "salesforceId", MailingCountry: "string", MailingCity: "string" },
        ["Id"],
        ({ values: v, attributes: a, origin }) => {
          const id = str(v.Id)!;
          const batch: IdentityBatch = {
            persons: [
              {
                key: { namespace: "salesforce.contact", value: id },
                sourceKey: key("Contact", id),
                origin,
                person: personFields(v, a, "MailingCountry", "MailingCity"),
              },
            ],
            links: v.AccountId
              ? [
                  {
                    person: { namespace: "salesforce.contact", value: id },
                    account: { namespace: "salesforce.account", value: str(v.AccountId)! },
                    rule: "contactAccount",
                    isDirect: true,
                    isPrimary: true,
                    sourceKey: key("Contact", id),
                    origin,
                  },
                ]
              : [],
          };
          return batch;
        },
      );
    case "Lead":
      return spec(
        object,
        "person",
        { ...personColumns, Country: "string", City: "string", IsConverted: "boolean", ConvertedContactId: "salesforceId", ConvertedAccountId: "salesforceId" },
        ["Id"],
        ({ values: v, attributes: a, origin }) => {
          const id = str(v.Id)!;
          const converted = str(v.ConvertedContactId);
          return {
            persons: [
              {
                key: { namespace: "salesforce.lead", value: id },
                sourceKey: key("Lead", id),
                origin,
                ...(converted ? { identities: [{ namespace: "salesforce.contact", value: converted }] } : {}),
                person: personFields(v, v.IsConverted === undefined ? a : { ...a, IsConverted: v.IsConverted }, "Country", "City"),
              },
            ],
            links: v.ConvertedAccountId
              ? [
                  {
                    person: { namespace: "salesforce.lead", value: id },
                    account: { namespace: "salesforce.account", value: str(v.ConvertedAccountId)! },
                    rule: "leadConvertedAccount",
                    isDirect: true,
                    sourceKey: key("Lead", id),
                    origin,
                  },
                ]
              : [],
          };
        },
      );
    case "AccountContactRelation":
      return spec(
        object,
        undefined,
        {
          Id: "salesforceId",
          AccountId: "salesforceId",
          ContactId: "salesforceId",
          IsActive: "boolean",
          IsDirect: "boolean",
          Roles: "multi",
          StartDate: "date",
          EndDate: "date",
        },
        ["Id", "AccountId", "ContactId"],
        ({ values: v, attributes: a, origin, problem }) => {
          if (Object.keys(a).length > 0)
            problem(undefined, `custom fields of AccountContactRelation are not kept (${Object.keys(a).join(", ")})`, "warning", "not_kept");
          return {
            links: [
              defined({
                person: { namespace: "salesforce.contact", value: str(v.ContactId)! },
                account: { namespace: "salesforce.account", value: str(v.AccountId)! },
                rule: "accountContactRelation",
                isActive: bool(v.IsActive) ?? true,
                isDirect: bool(v.IsDirect) ?? false,
                roles: list(v.Roles),
                startDate: str(v.StartDate),
                endDate: str(v.EndDate),
                sourceKey: key("AccountContactRelation", str(v.Id)!),
                origin,
              }),
            ],
          };
        },
      );
    case "Opportunity":
      return spec(
        object,
        "opportunity",
        {
          Id: "salesforceId",
          AccountId: "salesforceId",
          Name: "string",
          StageName: "string",
          Amount: "number",
          CurrencyIsoCode: "string",
          CloseDate: "date",
          IsClosed: "boolean",
          IsWon: "boolean",
          Type: "string",
          Probability: "number",
          CreatedDate: "instant",
        },
        ["Id"],
        ({ values: v, attributes: a, origin }) => ({
          opportunities: [
            defined({
              opportunity: defined({
                id: str(v.Id)!,
                name: str(v.Name),
                stage: str(v.StageName),
                amount: num(v.Amount),
                currency: str(v.CurrencyIsoCode),
                closeDate: str(v.CloseDate),
                isClosed: bool(v.IsClosed),
                isWon: bool(v.IsWon),
                type: str(v.Type),
                probability: num(v.Probability),
                createdAt: str(v.CreatedDate),
                sourceKeys: [key("Opportunity", str(v.Id)!)],
                ...attrs(a),
              }),
              account: v.AccountId ? { namespace: "salesforce.account", value: str(v.AccountId)! } : undefined,
              origin,
            }),
          ],
        }),
      );
    case "OpportunityContactRole":
      return spec(
        object,
        "opportunityRole",
        { Id: "salesforceId", OpportunityId: "salesforceId", ContactId: "salesforceId", Role: "string", IsPrimary: "boolean" },
        ["Id", "OpportunityId", "ContactId"],
        ({ values: v, attributes: a, origin }) => ({
          opportunityRoles: [
            {
              role: defined({
                id: str(v.Id),
                opportunityId: str(v.OpportunityId)!,
                role: str(v.Role),
                isPrimary: bool(v.IsPrimary),
                sourceKeys: [key("OpportunityContactRole", str(v.Id)!)],
                ...attrs(a),
              }),
              person: { namespace: "salesforce.contact", value: str(v.ContactId)! },
              origin,
            },
          ],
        }),
      );
    case "Campaign":
      return spec(
        object,
        "campaign",
        { Id: "salesforceId", Name: "string", Type: "string", Status: "string", StartDate: "date", EndDate: "date", IsActive: "boolean" },
        ["Id"],
        ({ values: v, attributes: a }) => ({
          campaigns: [
            defined({
              id: str(v.Id)!,
              name: str(v.Name),
              type: str(v.Type),
              status: str(v.Status),
              startDate: str(v.StartDate),
              endDate: str(v.EndDate),
              isActive: bool(v.IsActive),
              sourceKeys: [key("Campaign", str(v.Id)!)],
              ...attrs(a),
            }),
          ],
        }),
      );
    case "CampaignMember":
      return spec(
        object,
        "campaignMember",
        {
          Id: "salesforceId",
          CampaignId: "salesforceId",
          ContactId: "salesforceId",
          LeadId: "salesforceId",
          Status: "string",
          HasResponded: "boolean",
          FirstRespondedDate: "date",
          CreatedDate: "instant",
        },
        ["Id", "CampaignId"],
        ({ values: v, attributes: a, origin, problem }) => {
          const person = v.ContactId
            ? { namespace: "salesforce.contact", value: str(v.ContactId)! }
            : v.LeadId
              ? { namespace: "salesforce.lead", value: str(v.LeadId)! }
              : undefined;
          if (!person) {
            problem("ContactId", "a campaign member needs a ContactId or a LeadId", "error", "missing_value");
            return undefined;
          }
          const responded = str(v.FirstRespondedDate);
          return {
            campaignMembers: [
              {
                member: defined({
                  id: str(v.Id),
                  campaignId: str(v.CampaignId)!,
                  status: str(v.Status),
                  hasResponded: bool(v.HasResponded),
                  firstRespondedAt: responded ? `${responded}T00:00:00.000Z` : undefined,
                  createdAt: str(v.CreatedDate),
                  sourceKeys: [key("CampaignMember", str(v.Id)!)],
                  ...attrs(a),
                }),
                person,
                origin,
              },
            ],
          };
        },
      );
    case "Asset": {
      let warnedNotKept = false;
      return {
        ...spec(
          object,
          undefined,
          {
            Id: "salesforceId",
            AccountId: "salesforceId",
            Product2Id: "salesforceId",
            ProductCode: "string",
            Name: "string",
            Quantity: "number",
            PurchaseDate: "date",
            Status: "string",
            "Product2.Name": "string",
            "Product2.Family": "string",
            "Product2.ProductCode": "string",
          },
          ["Id", "AccountId"],
          ({ values: v, attributes: a, origin, problem }) => {
            if (!warnedNotKept && Object.keys(a).length > 0) {
              // once per file: the columns are the same on every row
              warnedNotKept = true;
              problem(
                undefined,
                `columns of Asset other than the product, quantity, purchase date and status are not kept (${Object.keys(a).join(", ")})`,
                "warning",
                "not_kept",
              );
            }
            const product = v.Product2Id ? options.products?.get(str(v.Product2Id)!) : undefined;
            const productName = str(v["Product2.Name"]) ?? product?.name ?? str(v.Name);
            if (productName === undefined) {
              problem("Product2Id", "the asset names no product (Product2.Name, a known Product2Id or Name)", "error", "missing_value");
              return undefined;
            }
            const row: RelatedRow = {
              id: str(v.Id)!,
              key: str(v.AccountId)!,
              values: defined({
                product: productName,
                productId: str(v.Product2Id),
                productCode: str(v.ProductCode) ?? str(v["Product2.ProductCode"]) ?? product?.code,
                productFamily: str(v["Product2.Family"]) ?? product?.family,
                quantity: num(v.Quantity),
                purchaseDate: str(v.PurchaseDate),
                status: str(v.Status),
              }) as Record<string, AttributeValue>,
              sourceKeys: [key("Asset", str(v.Id)!)],
            };
            return {
              related: [
                {
                  table: ownedProductsTable(options).name,
                  row,
                  owner: { namespace: "salesforce.account", value: str(v.AccountId)! },
                  ownerKind: "account",
                  origin,
                },
              ],
            };
          },
        ),
        relatedTables: [ownedProductsTable(options)],
      };
    }
    case "Product2":
      // products are a lookup for assets, not entities: see readSalesforceProducts
      return spec(object, undefined, { Id: "salesforceId", Name: "string", Family: "string", ProductCode: "string" }, ["Id", "Name"], () => ({}), true);
  }
}
