import type { AttributeValue, IdentityRef, SourceKey } from "@abm-kit/core";
import { z } from "zod";
import { checkArguments } from "../read/check-arguments.js";
import { consentFrom } from "../read/consent-columns.js";
import { pathBeyondDepth, tooDeepMessage } from "../read/json-depth.js";
import type { ObjectSpec } from "../read/object-spec.js";
import { toSalesforceId18 } from "../salesforce/salesforce-id.js";
import { activityTypeName, PRIMARY_ATTRIBUTE_PROPERTY } from "./activity-types.js";
import { MarketoReadOptionsSchema, type MarketoReadOptions } from "./marketo-options.js";

/** The Marketo exports the readers understand. */
export const MARKETO_EXPORTS = ["leads", "activities", "companies", "opportunities"] as const;
export type MarketoExport = (typeof MARKETO_EXPORTS)[number];

const str = (v: AttributeValue | undefined) => (typeof v === "string" ? v : undefined);
const num = (v: AttributeValue | undefined) => (typeof v === "number" ? v : undefined);
const bool = (v: AttributeValue | undefined) => (typeof v === "boolean" ? v : undefined);
const attrs = (a: Readonly<Record<string, AttributeValue>>) => (Object.keys(a).length > 0 ? { attributes: { ...a } } : {});
function defined<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const name in o) {
    const v = o[name];
    if (v !== undefined) out[name] = v;
  }
  return out as T;
}

/** `Webpage URL` → `webpageUrl`: the event property name of a Marketo activity attribute. */
export function propertyName(name: string): string {
  const words = name
    .trim()
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join("") || "attribute";
}

const SpecArgumentsSchema = z.object({ kind: z.enum(MARKETO_EXPORTS), options: MarketoReadOptionsSchema });

/** The spec of one Marketo export. Every column not listed is a custom field, kept as an attribute. Throws `ValidationError` for an unknown export or bad options. */
export function marketoSpec(kind: MarketoExport, options: MarketoReadOptions = {}): ObjectSpec {
  checkArguments("marketoSpec", SpecArgumentsSchema, { kind, options });
  const instance = options.instance;
  const key = (object: string, id: string): SourceKey =>
    instance === undefined ? { system: "marketo", object, id } : { system: "marketo", instance, object, id };
  const base = { kind: `marketo:${kind}`, isKnownExtra: () => true };
  const sfRef = (namespace: string, v: AttributeValue | undefined): IdentityRef[] => (typeof v === "string" ? [{ namespace, value: v }] : []);
  switch (kind) {
    case "leads":
      return {
        ...base,
        entity: "person",
        columns: {
          id: "id",
          email: "string",
          firstName: "string",
          lastName: "string",
          title: "string",
          company: "string",
          phone: "string",
          country: "string",
          city: "string",
          department: "string",
          sfdcType: "string",
          sfdcContactId: "salesforceId",
          sfdcLeadId: "salesforceId",
          sfdcAccountId: "salesforceId",
          unsubscribed: "boolean",
          createdAt: "instant",
          updatedAt: "instant",
        },
        required: ["id"],
        idColumn: "id",
        map: ({ values: v, attributes: a, origin }) => {
          const id = str(v.id)!;
          const consent = consentFrom({ unsubscribed: { channel: "email", optOutWhen: true }, ...options.consentColumns }, (c) =>
            Object.hasOwn(v, c) ? v[c] : a[c],
          );
          const me = { namespace: "marketo.lead", value: id };
          return {
            persons: [
              {
                key: me,
                sourceKey: key("Lead", id),
                origin,
                identities: [...sfRef("salesforce.contact", v.sfdcContactId), ...sfRef("salesforce.lead", v.sfdcLeadId)],
                person: defined({
                  email: str(v.email),
                  firstName: str(v.firstName),
                  lastName: str(v.lastName),
                  title: str(v.title),
                  phone: str(v.phone),
                  country: str(v.country),
                  city: str(v.city),
                  department: str(v.department),
                  consent,
                  createdAt: str(v.createdAt),
                  updatedAt: str(v.updatedAt),
                  ...attrs({ ...(v.company !== undefined ? { company: v.company } : {}), ...(v.sfdcType !== undefined ? { sfdcType: v.sfdcType } : {}), ...a }),
                }),
              },
            ],
            links: v.sfdcAccountId
              ? [
                  {
                    person: me,
                    account: { namespace: "salesforce.account", value: str(v.sfdcAccountId)! },
                    rule: "marketoSfdcAccount",
                    isDirect: true,
                    sourceKey: key("Lead", id),
                    origin,
                  },
                ]
              : [],
          };
        },
      };
    case "companies":
      return {
        ...base,
        entity: "account",
        columns: {
          id: "id",
          externalCompanyId: "string",
          company: "string",
          website: "string",
          industry: "string",
          numberOfEmployees: "integer",
          annualRevenue: "number",
          billingCountry: "string",
          sfdcAccountId: "salesforceId",
          createdAt: "instant",
          updatedAt: "instant",
        },
        required: ["id"],
        idColumn: "id",
        map: ({ values: v, attributes: a, origin }) => ({
          accounts: [
            {
              key: { namespace: "marketo.company", value: str(v.id)! },
              identities: [...sfRef("salesforce.account", v.sfdcAccountId), ...sfRef("marketo.externalCompanyId", v.externalCompanyId)],
              sourceKey: key("Company", str(v.id)!),
              origin,
              account: defined({
                name: str(v.company),
                domain: str(v.website),
                industry: str(v.industry),
                employeeCount: num(v.numberOfEmployees),
                annualRevenue: num(v.annualRevenue),
                country: str(v.billingCountry),
                createdAt: str(v.createdAt),
                updatedAt: str(v.updatedAt),
                ...attrs(a),
              }),
            },
          ],
        }),
      };
    case "opportunities":
      return {
        ...base,
        entity: "opportunity",
        columns: {
          marketoGUID: "id",
          externalOpportunityId: "string",
          externalCompanyId: "string",
          name: "string",
          type: "string",
          stage: "string",
          amount: "number",
          closeDate: "date",
          isClosed: "boolean",
          isWon: "boolean",
          probability: "number",
          createdAt: "instant",
        },
        required: ["marketoGUID"],
        idColumn: "marketoGUID",
        map: ({ values: v, attributes: a, origin }) => {
          const external = str(v.externalOpportunityId);
          const sfId = external ? toSalesforceId18(external) : undefined;
          const id = sfId ?? `marketo.opportunity:${str(v.marketoGUID)!}`;
          return {
            opportunities: [
              defined({
                opportunity: defined({
                  id,
                  name: str(v.name),
                  type: str(v.type),
                  stage: str(v.stage),
                  amount: num(v.amount),
                  closeDate: str(v.closeDate),
                  isClosed: bool(v.isClosed),
                  isWon: bool(v.isWon),
                  probability: num(v.probability),
                  createdAt: str(v.createdAt),
                  sourceKeys: [key("Opportunity", str(v.marketoGUID)!)],
                  ...attrs(a),
                }),
                account: v.externalCompanyId ? { namespace: "marketo.externalCompanyId", value: str(v.externalCompanyId)! } : undefined,
                origin,
              }),
            ],
          };
        },
      };
    case "activities":
      return {
        ...base,
        columns: {
          marketoGUID: "id",
          leadId: "id",
          activityDate: "instant",
          activityTypeId: "integer",
          campaignId: "id",
          primaryAttributeValueId: "id",
          primaryAttributeValue: "string",
          attributes: "string",
        },
        required: ["marketoGUID", "leadId", "activityDate", "activityTypeId"],
        idColumn: "marketoGUID",
        map: ({ values: v, attributes: a, origin, problem }) => {
          const typeId = num(v.activityTypeId)!;
          const properties: Record<string, string | number | boolean | null> = {};
          const text = str(v.attributes);
          if (text !== undefined) {
            let parsed: unknown;
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = undefined;
            }
            // REST responses carry attributes as [{ name, value }]
            if (Array.isArray(parsed) && parsed.every((x) => typeof x === "object" && x !== null && "name" in x)) {
              parsed = Object.fromEntries(parsed.map((x: { name: unknown; value?: unknown }) => [String(x.name), x.value ?? null]));
            }
            const deep = pathBeyondDepth(parsed);
            if (deep !== undefined) {
              problem("attributes", `${tooDeepMessage("the attributes cell", deep)}; the event was loaded without its attributes`, "warning", "too_deep");
            } else if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
              problem("attributes", "the attributes cell is not a JSON object; the event was loaded without its attributes", "warning", "invalid_json");
            } else {
              for (const [name, value] of Object.entries(parsed)) {
                if (value === null || ["string", "number", "boolean"].includes(typeof value))
                  properties[propertyName(name)] = value as string | number | boolean | null;
                else properties[propertyName(name)] = JSON.stringify(value);
              }
            }
          }
          for (const [name, value] of Object.entries(a)) if (!Array.isArray(value)) properties[propertyName(name)] = value;
          if (v.primaryAttributeValue !== undefined) properties[PRIMARY_ATTRIBUTE_PROPERTY[typeId] ?? "primaryAttributeValue"] = str(v.primaryAttributeValue)!;
          if (v.primaryAttributeValueId !== undefined) properties.primaryAttributeValueId = str(v.primaryAttributeValueId)!;
          if (v.campaignId !== undefined) properties.campaignId = str(v.campaignId)!;
          return {
            events: [
              {
                event: {
                  id: `marketo:${str(v.marketoGUID)!}`,
                  type: activityTypeName(typeId, options.activityTypes),
                  occurredAt: str(v.activityDate)!,
                  properties,
                  sourceKeys: [key("Activity", str(v.marketoGUID)!)],
                },
                person: { namespace: "marketo.lead", value: str(v.leadId)! },
                origin,
              },
            ],
          };
        },
      };
  }
}
