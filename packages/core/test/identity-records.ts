import type { AccountSourceRecord, IdentityBatch, LinkSourceRecord, PersonSourceRecord } from "../src/index.js";

// Source records for the identity graph tests, as the Salesforce and Marketo readers produce them.

/** A Salesforce contact source record. */
export function contact(id: string, fields: PersonSourceRecord["person"], extra: Partial<PersonSourceRecord> = {}): PersonSourceRecord {
  return { key: { namespace: "salesforce.contact", value: id }, sourceKey: { system: "salesforce", object: "Contact", id }, person: fields, ...extra };
}

/** A Salesforce lead source record, optionally converted to a contact. */
export function lead(id: string, fields: PersonSourceRecord["person"], convertedContactId?: string): PersonSourceRecord {
  return {
    key: { namespace: "salesforce.lead", value: id },
    sourceKey: { system: "salesforce", object: "Lead", id },
    person: fields,
    ...(convertedContactId ? { identities: [{ namespace: "salesforce.contact", value: convertedContactId }] } : {}),
  };
}

/** A Marketo lead source record with optional Salesforce cross-references. */
export function marketoLead(id: string, fields: PersonSourceRecord["person"], refs: { contact?: string; lead?: string } = {}): PersonSourceRecord {
  const identities = [
    ...(refs.contact ? [{ namespace: "salesforce.contact", value: refs.contact }] : []),
    ...(refs.lead ? [{ namespace: "salesforce.lead", value: refs.lead }] : []),
  ];
  return { key: { namespace: "marketo.lead", value: id }, sourceKey: { system: "marketo", object: "Lead", id }, person: fields, identities };
}

/** A Salesforce account source record. */
export function sfAccount(id: string, fields: AccountSourceRecord["account"]): AccountSourceRecord {
  return { key: { namespace: "salesforce.account", value: id }, sourceKey: { system: "salesforce", object: "Account", id }, account: fields };
}

/** A link stated by a Salesforce contact's AccountId. */
export function contactLink(contactId: string, accountId: string): LinkSourceRecord {
  return {
    person: { namespace: "salesforce.contact", value: contactId },
    account: { namespace: "salesforce.account", value: accountId },
    rule: "contactAccount",
    sourceKey: { system: "salesforce", object: "Contact", id: contactId },
  };
}

/** Concatenates batches part by part. */
export function concatBatches(batches: readonly IdentityBatch[]): IdentityBatch {
  const out: Record<string, unknown[]> = {};
  for (const b of batches) for (const [part, records] of Object.entries(b)) if (Array.isArray(records)) (out[part] ??= []).push(...records);
  return out as IdentityBatch;
}
