import type { AccountSourceRecord, IdentityRef, LinkSourceRecord, PersonSourceRecord } from "@abm-kit/core";
import type { SyntheticDataset } from "./dataset.js";

/**
 * The synthetic data set as the exporting systems hold it, for the identity
 * benchmark: persons 0-2 (mod 10) are Salesforce contacts only, 3-6 are both a
 * contact and a Marketo lead (3-4 cross-referenced by sfdcContactId, 5-6 only
 * by the same email in another spelling), 7-9 are Marketo leads only.
 */
export type PersonSources = "salesforce" | "both-crossref" | "both-email" | "marketo";

export function personSources(person: number): PersonSources {
  const k = person % 10;
  return k < 3 ? "salesforce" : k < 5 ? "both-crossref" : k < 7 ? "both-email" : "marketo";
}

const contactRef = (id: string): IdentityRef => ({ namespace: "salesforce.contact", value: id });
const leadRef = (person: number): IdentityRef => ({ namespace: "marketo.lead", value: `ml-${person}` });
const accountRef = (id: string): IdentityRef => ({ namespace: "salesforce.account", value: id });

/** The identity a person's events are recorded under: their Marketo lead if they have one, else their contact. */
export function eventOwnerRef(data: SyntheticDataset, person: number): IdentityRef {
  return personSources(person) === "salesforce" ? contactRef(data.personId(person)) : leadRef(person);
}

export function* salesforceAccounts(data: SyntheticDataset): Iterable<AccountSourceRecord> {
  for (const { id, ...account } of data.accounts()) {
    yield { key: accountRef(id), sourceKey: { system: "salesforce", object: "Account", id }, account };
  }
}

/** Salesforce contacts and Marketo leads, in person order. */
export function* personRecords(data: SyntheticDataset): Iterable<PersonSourceRecord> {
  let person = 0;
  for (const { id, consent, ...fields } of data.persons()) {
    const sources = personSources(person);
    if (sources !== "marketo") {
      yield { key: contactRef(id), sourceKey: { system: "salesforce", object: "Contact", id }, person: { ...fields, consent } };
    }
    if (sources !== "salesforce") {
      const email = sources === "both-email" ? `  ${fields.email.toUpperCase()} ` : fields.email;
      yield {
        key: leadRef(person),
        sourceKey: { system: "marketo", object: "Lead", id: `ml-${person}` },
        person: { email, firstName: fields.firstName, lastName: fields.lastName, title: fields.title },
        identities: sources === "both-crossref" ? [contactRef(id)] : [],
      };
    }
    person++;
  }
}

/** Contact.AccountId for contacts, sfdcAccountId for Marketo-only leads, AccountContactRelation for indirect links. */
export function* linkRecords(data: SyntheticDataset): Iterable<LinkSourceRecord> {
  let previous = -1;
  for (const link of data.links()) {
    const person = Number(link.personId.slice(4));
    const onlyMarketo = personSources(person) === "marketo";
    if (link.isDirect) {
      previous = person;
      yield onlyMarketo
        ? { person: leadRef(person), account: accountRef(link.accountId), rule: "marketo.sfdcAccountId" }
        : { person: contactRef(link.personId), account: accountRef(link.accountId), rule: "salesforce.Contact.AccountId" };
    } else if (!onlyMarketo && person === previous) {
      yield {
        person: contactRef(link.personId),
        account: accountRef(link.accountId),
        rule: "salesforce.AccountContactRelation",
        isDirect: false,
        roles: link.roles,
      };
    }
  }
}

/** Groups an iterable into arrays of at most `size` items. */
export function* chunks<T>(items: Iterable<T>, size: number): Iterable<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
