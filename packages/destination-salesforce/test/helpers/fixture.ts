import { buildSnapshot, type Snapshot } from "@abm-kit/core";
import type { FieldMappingInput } from "@abm-kit/destinations";
import { fakeId } from "@abm-kit/destination-salesforce/testing";

export const RUN_NOW = "2026-12-01T09:00:00.000Z";
export const ORG_ID = "00D000000000001AAA";

/** Every mapping the tests use: the source keys carry the Salesforce ids. */
export const MAPPING: { account: FieldMappingInput[]; person: FieldMappingInput[] } = {
  account: [{ source: "account.sourceKeys", target: "salesforceKeys" }],
  person: [{ source: "person.sourceKeys", target: "salesforceKeys" }],
};

/**
 * `size` accounts (Salesforce Accounts) each with one person: every third a
 * Lead, the others Contacts; all also known to Marketo. With `marketoOnly`,
 * that many more people are known only to Marketo.
 */
export function salesforceSnapshot(size: number, marketoOnly = 0): Snapshot {
  const accounts = [];
  const persons = [];
  const links = [];
  for (let i = 0; i < size; i++) {
    const n = String(i).padStart(5, "0");
    accounts.push({
      id: `acc-${n}`,
      name: `Account ${n}`,
      domain: `a${n}.example.com`,
      sourceKeys: [{ system: "salesforce", instance: ORG_ID, object: "Account", id: fakeId("Account", i + 1) }],
    });
    const object = i % 3 === 2 ? "Lead" : "Contact";
    persons.push({
      id: `per-${n}`,
      email: `p${n}@a${n}.example.com`,
      consent: { email: "granted" as const, advertising: "granted" as const },
      sourceKeys: [
        { system: "salesforce", instance: ORG_ID, object, id: fakeId(object, i + 1) },
        { system: "marketo", instance: "123-ABC-456", object: "Lead", id: String(1000 + i) },
      ],
    });
    links.push({ accountId: `acc-${n}`, personId: `per-${n}` });
  }
  for (let j = 0; j < marketoOnly; j++) {
    persons.push({
      id: `mkto-${j}`,
      email: `m${j}@example.com`,
      consent: { email: "granted" as const, advertising: "granted" as const },
      sourceKeys: [{ system: "marketo", instance: "123-ABC-456", object: "Lead", id: String(9000 + j) }],
    });
  }
  return buildSnapshot({ accounts, persons, links }, { asOf: "2026-11-01T00:00:00.000Z" });
}

/** Seed ids of the org behind {@link salesforceSnapshot}. */
export function orgRecords(size: number): { accounts: string[]; contacts: string[]; leads: string[] } {
  const accounts: string[] = [];
  const contacts: string[] = [];
  const leads: string[] = [];
  for (let i = 0; i < size; i++) {
    accounts.push(fakeId("Account", i + 1));
    (i % 3 === 2 ? leads : contacts).push(fakeId(i % 3 === 2 ? "Lead" : "Contact", i + 1));
  }
  return { accounts, contacts, leads };
}

/** Member ids of a type in a snapshot. */
export function idsOf(snapshot: Snapshot, type: "account" | "person"): string[] {
  const table = type === "account" ? snapshot.accounts : snapshot.persons;
  return Array.from({ length: table.size }, (_, i) => table.id(i));
}

/** The abm-kit id of each Salesforce record id, by the snapshot's source keys. */
export function memberIdsByRecord(snapshot: Snapshot): Map<string, string> {
  const out = new Map<string, string>();
  for (const table of [snapshot.accounts, snapshot.persons]) {
    for (let row = 0; row < table.size; row++) {
      for (const key of table.sourceKeysOf(row)) if (key.startsWith("salesforce/")) out.set(key.split("/")[3]!, table.id(row));
    }
  }
  return out;
}
