import { buildSnapshot, registrableDomain, type AccountInput, type AccountPersonRelationInput, type PersonInput, type Snapshot } from "@abm-kit/core";
import { hashEmail, type FieldMappingInput } from "@abm-kit/destinations";

/** The fake's calendar in these tests (the default LinkedIn-Version 202607 is active then). */
export const FAKE_NOW = "2026-12-02T09:00:00.000Z";
/** The moment of the runs. */
export const RUN_NOW = "2026-12-02T09:00:00.000Z";

const n4 = (i: number) => String(i).padStart(5, "0");

/**
 * `size` companies, each on its own registrable domain (given as a URL with
 * `www.` and a path), with one buyer each. Every 7th person has a first name
 * longer than LinkedIn's 35 characters and a country spelt out.
 */
export function linkedInSnapshot(size: number): Snapshot {
  const accounts: AccountInput[] = [];
  const persons: PersonInput[] = [];
  const links: AccountPersonRelationInput[] = [];
  for (let i = 0; i < size; i++) {
    const n = n4(i);
    accounts.push({
      id: `acc-${n}`,
      name: `Fixture ${n} Ltd`,
      domain: `https://www.fixture-${n}.com/about`,
      industry: "Software",
      country: i % 5 === 0 ? "Germany" : "US",
    });
    persons.push({
      id: `per-${n}`,
      email: ` Buyer.${n}@Fixture-${n}.com `,
      firstName: i % 7 === 0 ? `Maximilian-Alexander-Bartholomew-${n}` : `Buyer${n}`,
      lastName: `Tester${n}`,
      title: "VP Marketing",
      country: i % 7 === 0 ? "United States" : "US",
      consent: { email: "granted", advertising: "granted" },
    });
    links.push({ accountId: `acc-${n}`, personId: `per-${n}` });
  }
  return buildSnapshot({ accounts, persons, links }, { asOf: "2026-11-01T00:00:00.000Z" });
}

/** The ids of a snapshot's accounts or persons. */
export function idsOf(snapshot: Snapshot, type: "account" | "person"): string[] {
  const table = type === "account" ? snapshot.accounts : snapshot.persons;
  return Array.from({ length: table.size }, (_, i) => table.id(i));
}

/** The plan mapping for each audience type. */
export const MAPPING: Record<"account" | "person", FieldMappingInput[]> = {
  account: [
    { source: "account.name", target: "companyName" },
    { source: "account.domain", target: "companyWebsiteDomain" },
    { source: "account.country", target: "country" },
    { source: "account.industry", target: "industries" },
  ],
  person: [
    { source: "person.email", target: "sha256Email", transforms: ["sha256Email"] },
    { source: "person.firstName", target: "firstName" },
    { source: "person.lastName", target: "lastName" },
    { source: "person.title", target: "title" },
    { source: "account.name", target: "company" },
    { source: "person.country", target: "country" },
  ],
};

/** The fake's member key → member id, for every account and person of the snapshot. */
export function memberIdsByKey(snapshot: Snapshot): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < snapshot.accounts.size; i++) {
    out.set(`domain:${registrableDomain(String(snapshot.accounts.value(i, "domain")))}`, snapshot.accounts.id(i));
  }
  for (let i = 0; i < snapshot.persons.size; i++) {
    out.set(`sha256:${hashEmail(String(snapshot.persons.value(i, "email")))}`, snapshot.persons.id(i));
  }
  return out;
}
