import { STANDARD_FIELDS, type FieldType } from "@abm-kit/core";
import type { ConsentColumn, FieldMapping } from "@abm-kit/sources";
import { keptExtraColumns } from "../staging/extra-types.js";
import type { StagedExport } from "./staged-export.js";

/** A flag of a link: a column of the staged table (optional), and the value when it is blank or absent. */
export interface LinkFlag {
  readonly column?: string;
  readonly default: boolean;
}

/** A link a staged record states: its rule, the person and account references, and the link's fields. */
export interface LinkSource {
  readonly rule: string;
  readonly person: readonly [namespace: string, column: string];
  readonly account: readonly [namespace: string, column: string];
  /** Flags as the Snapshot builder merges them: a link that does not say is direct and active, and not primary. */
  readonly isDirect?: LinkFlag;
  readonly isActive?: LinkFlag;
  readonly isPrimary?: LinkFlag;
  readonly roles?: string;
  readonly startDate?: string;
  readonly endDate?: string;
}

/**
 * The person or account records of one staged table, as the readers' mappings
 * make them (those are code; these restate them, and the differential tests
 * guard them): the own key, the identities, the standard fields by column,
 * the attributes (column → type), the consent columns, and the links stated.
 */
export interface EntitySource {
  readonly table: string;
  /** `links` for an export that states links only (AccountContactRelation): no records of its own. */
  readonly kind: "person" | "account" | "links";
  /** The source system (`salesforce`, `marketo`, a mapping's system): it orders field merging. */
  readonly system: string;
  readonly key: readonly [namespace: string, column: string];
  readonly identities: readonly (readonly [namespace: string, column: string])[];
  /** Standard field → column. */
  readonly fields: Readonly<Record<string, string>>;
  /** Attribute → (column, type); in the order the mapping adds them (later wins a name). */
  readonly attributes: Readonly<Record<string, { readonly column: string; readonly type: FieldType }>>;
  /** Attributes the reader declares as the file's custom fields (the file's kept extra columns). */
  readonly declared: Readonly<Record<string, FieldType>>;
  /** Consent columns (boolean) → rule. */
  readonly consent: Readonly<Record<string, ConsentColumn>>;
  readonly links: readonly LinkSource[];
}

const SALESFORCE_CONSENT: Record<string, ConsentColumn> = {
  HasOptedOutOfEmail: { channel: "email", optOutWhen: true },
  DoNotCall: { channel: "phone", optOutWhen: true },
};

const salesforcePerson = (country: string, city: string) => ({
  email: "Email",
  firstName: "FirstName",
  lastName: "LastName",
  title: "Title",
  department: "Department",
  phone: "Phone",
  country,
  city,
  createdAt: "CreatedDate",
  updatedAt: "LastModifiedDate",
});

const TRUE: LinkFlag = { default: true };

function extras(e: StagedExport): { attributes: EntitySource["attributes"]; declared: Record<string, FieldType> } {
  const declared: Record<string, FieldType> = {};
  for (const column of keptExtraColumns(e.spec, e.staged.columns)) declared[column] = e.staged.extraTypes[column] ?? "string";
  return { attributes: Object.fromEntries(Object.entries(declared).map(([c, type]) => [c, { column: c, type }])), declared };
}

/** The standard columns of the file's spec that are present in its header (others are NULL in the staged table, as blank). */
const standard = (column: string, type: FieldType) => ({ [column]: { column, type } });

/**
 * The person and account sources of a staged export, or `undefined` when the
 * export holds no persons, accounts or links (opportunities, events, partner
 * files, …: see the table fillers).
 */
export function entitySourceOf(e: StagedExport): EntitySource | undefined {
  const table = e.staged.table;
  const { attributes, declared } = extras(e);
  const file = e.file;
  if (file.source === "salesforce") {
    const consent = { ...SALESFORCE_CONSENT, ...file.options?.consentColumns };
    switch (file.object) {
      case "Account":
        return {
          table,
          kind: "account",
          system: "salesforce",
          key: ["salesforce.account", "Id"],
          identities: [],
          fields: {
            name: "Name",
            domain: "Website",
            industry: "Industry",
            employeeCount: "NumberOfEmployees",
            annualRevenue: "AnnualRevenue",
            country: "BillingCountry",
            duns: "DunsNumber",
            type: "Type",
            parentAccountId: "ParentId",
            createdAt: "CreatedDate",
            updatedAt: "LastModifiedDate",
          },
          attributes,
          declared,
          consent: {},
          links: [],
        };
      case "Contact":
        return {
          table,
          kind: "person",
          system: "salesforce",
          key: ["salesforce.contact", "Id"],
          identities: [["email", "Email"]],
          fields: salesforcePerson("MailingCountry", "MailingCity"),
          attributes,
          declared,
          consent,
          links: [
            {
              rule: "contactAccount",
              person: ["salesforce.contact", "Id"],
              account: ["salesforce.account", "AccountId"],
              isDirect: TRUE,
              isPrimary: TRUE,
            },
          ],
        };
      case "Lead":
        return {
          table,
          kind: "person",
          system: "salesforce",
          key: ["salesforce.lead", "Id"],
          identities: [
            ["salesforce.contact", "ConvertedContactId"],
            ["email", "Email"],
          ],
          fields: salesforcePerson("Country", "City"),
          attributes: { ...attributes, ...standard("IsConverted", "boolean") },
          declared,
          consent,
          links: [{ rule: "leadConvertedAccount", person: ["salesforce.lead", "Id"], account: ["salesforce.account", "ConvertedAccountId"], isDirect: TRUE }],
        };
      case "AccountContactRelation":
        return {
          table,
          kind: "links",
          system: "salesforce",
          key: ["salesforce.contact", "ContactId"],
          identities: [],
          fields: {},
          attributes: {},
          declared: {},
          consent: {},
          links: [
            {
              rule: "accountContactRelation",
              person: ["salesforce.contact", "ContactId"],
              account: ["salesforce.account", "AccountId"],
              isActive: { column: "IsActive", default: true },
              isDirect: { column: "IsDirect", default: false },
              roles: "Roles",
              startDate: "StartDate",
              endDate: "EndDate",
            },
          ],
        };
      default:
        return undefined;
    }
  }
  if (file.source === "marketo") {
    switch (file.export) {
      case "leads":
        return {
          table,
          kind: "person",
          system: "marketo",
          key: ["marketo.lead", "id"],
          identities: [
            ["salesforce.contact", "sfdcContactId"],
            ["salesforce.lead", "sfdcLeadId"],
            ["email", "email"],
          ],
          fields: {
            email: "email",
            firstName: "firstName",
            lastName: "lastName",
            title: "title",
            phone: "phone",
            country: "country",
            city: "city",
            department: "department",
            createdAt: "createdAt",
            updatedAt: "updatedAt",
          },
          attributes: { ...standard("company", "string"), ...standard("sfdcType", "string"), ...attributes },
          declared,
          consent: { unsubscribed: { channel: "email", optOutWhen: true }, ...file.options?.consentColumns },
          links: [{ rule: "marketoSfdcAccount", person: ["marketo.lead", "id"], account: ["salesforce.account", "sfdcAccountId"], isDirect: TRUE }],
        };
      case "companies":
        return {
          table,
          kind: "account",
          system: "marketo",
          key: ["marketo.company", "id"],
          identities: [
            ["salesforce.account", "sfdcAccountId"],
            ["marketo.externalCompanyId", "externalCompanyId"],
          ],
          fields: {
            name: "company",
            domain: "website",
            industry: "industry",
            employeeCount: "numberOfEmployees",
            annualRevenue: "annualRevenue",
            country: "billingCountry",
            createdAt: "createdAt",
            updatedAt: "updatedAt",
          },
          attributes,
          declared,
          consent: {},
          links: [],
        };
      default:
        return undefined;
    }
  }
  if (file.source === "mapped") return mappedSource(e, file.mapping, attributes, declared);
  return undefined;
}

function mappedSource(
  e: StagedExport,
  mapping: FieldMapping,
  attributes: EntitySource["attributes"],
  declared: Record<string, FieldType>,
): EntitySource | undefined {
  if (mapping.entity === "event") return undefined;
  const key: [string, string] = [mapping.namespace ?? `${mapping.system}.${mapping.entity}`, mapping.idColumn];
  const fields: Record<string, string> = {};
  for (const [column, f] of Object.entries(mapping.fields ?? {})) if (Object.hasOwn(STANDARD_FIELDS[mapping.entity], f.field)) fields[f.field] = column;
  const identities = (mapping.identities ?? []).map((i) => [i.namespace, i.column] as const);
  // a person's email is one of its identities
  if (mapping.entity === "person" && fields.email !== undefined) identities.push(["email", fields.email]);
  return {
    table: e.staged.table,
    kind: mapping.entity,
    system: mapping.system,
    key,
    identities,
    fields,
    attributes,
    declared,
    consent: {},
    links:
      mapping.entity === "person" && mapping.account
        ? [{ rule: mapping.account.rule ?? "mapped", person: key, account: [mapping.account.namespace, mapping.account.column] }]
        : [],
  };
}
