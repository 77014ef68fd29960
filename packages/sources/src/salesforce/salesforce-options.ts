import { FieldTypeSchema, type FieldType } from "@abm-kit/core";
import { z } from "zod";
import { ConsentColumnSchema, type ConsentColumn } from "../read/consent-columns.js";

/** Options of the Salesforce readers. */
export interface SalesforceReadOptions {
  /** The org id, recorded in source keys. */
  readonly instance?: string;
  /** The name reports use for the file (default: the file's base name). */
  readonly name?: string;
  /** Declared types of custom columns (`Interests__c: "multi"`); others are inferred from the values. */
  readonly fieldTypes?: Readonly<Record<string, FieldType>>;
  /** More boolean columns that state consent (`Ad_Opt_Out__c: { channel: "advertising", optOutWhen: true }`). */
  readonly consentColumns?: Readonly<Record<string, ConsentColumn>>;
  /** Product names and families by Product2 id, for Asset rows without `Product2.Name` (see `readSalesforceProducts`). */
  readonly products?: ReadonlyMap<string, { readonly name?: string; readonly family?: string; readonly code?: string }>;
  /** The related table Asset rows go to (default `ownedProducts`). */
  readonly ownedProductsTable?: string;
}

/** {@link SalesforceReadOptions}, checked by every Salesforce reader (a `ValidationError` names each bad option). */
export const SalesforceReadOptionsSchema: z.ZodType<SalesforceReadOptions> = z.object({
  instance: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  fieldTypes: z.record(z.string(), FieldTypeSchema).optional(),
  consentColumns: z.record(z.string(), ConsentColumnSchema).optional(),
  products: z
    .custom<ReadonlyMap<string, { readonly name?: string; readonly family?: string; readonly code?: string }>>(
      (v) => v instanceof Map,
      "expected a Map of products by Product2 id",
    )
    .optional(),
  ownedProductsTable: z.string().min(1).optional(),
});

/** Salesforce system fields that are kept as attributes without a warning. */
export const SALESFORCE_SYSTEM_FIELDS = new Set([
  "IsDeleted",
  "SystemModstamp",
  "LastActivityDate",
  "LastViewedDate",
  "LastReferencedDate",
  "CreatedById",
  "LastModifiedById",
  "OwnerId",
  "RecordTypeId",
  "MasterRecordId",
  "Description",
  "LeadSource",
  "Company",
  "Status",
  "Rating",
  "ConvertedDate",
  "Name",
  "ProductCode",
  "IsActive",
]);
