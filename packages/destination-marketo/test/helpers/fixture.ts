import { buildSnapshot, type Snapshot } from "@abm-kit/core";
import type { FieldMappingInput } from "@abm-kit/destinations";

/** The fake's calendar and the runs' moment in these tests. */
export const RUN_NOW = "2026-12-02T09:00:00.000Z";

const n5 = (i: number) => String(i).padStart(5, "0");

/** The email of fixture person `i`. */
export const emailOf = (i: number) => `buyer.${n5(i)}@fixture-${n5(i)}.com`;

/**
 * `size` companies with one buyer each. Emails are given with spaces and
 * capitals (the adapter trims and lower-cases them).
 */
export function marketoSnapshot(size: number): Snapshot {
  const accounts = [];
  const persons = [];
  const links = [];
  for (let i = 0; i < size; i++) {
    const n = n5(i);
    accounts.push({ id: `acc-${n}`, name: `Fixture ${n} Ltd`, domain: `fixture-${n}.com`, industry: "Software", employeeCount: 100 + i, country: "US" });
    persons.push({
      id: `per-${n}`,
      email: ` Buyer.${n}@Fixture-${n}.com `,
      firstName: `Buyer${n}`,
      lastName: `Tester${n}`,
      title: "VP Marketing",
      country: "US",
      consent: { email: "granted", advertising: "granted" } as const,
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
    { source: "account.name", target: "name" },
    { source: "account.domain", target: "domainName" },
    { source: "account.industry", target: "industry" },
    { source: "account.employeeCount", target: "numberOfEmployees" },
  ],
  person: [
    { source: "person.email", target: "email" },
    { source: "person.firstName", target: "firstName" },
    { source: "person.lastName", target: "lastName" },
    { source: "person.title", target: "title" },
    { source: "account.name", target: "company" },
  ],
};

/** Lower-cased email → person id and account name → account id, for every member of the snapshot. */
export function memberIdsByKey(snapshot: Snapshot): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < snapshot.accounts.size; i++) out.set(`name:${String(snapshot.accounts.value(i, "name"))}`, snapshot.accounts.id(i));
  for (let i = 0; i < snapshot.persons.size; i++) out.set(`email:${String(snapshot.persons.value(i, "email")).trim().toLowerCase()}`, snapshot.persons.id(i));
  return out;
}
