import { buildSnapshot, type AccountInput, type AccountPersonRelationInput, type PersonInput, type Snapshot } from "@abm-kit/core";

/**
 * A small, valid B2B Snapshot for conformance runs: `size` accounts
 * (`acc-0000`…, name, domain, industry) each with one person (`per-0000`…,
 * email, names, title, granted consent).
 */
export function conformanceSnapshot(size = 120): Snapshot {
  const accounts: AccountInput[] = [];
  const persons: PersonInput[] = [];
  const links: AccountPersonRelationInput[] = [];
  for (let i = 0; i < size; i++) {
    const n = String(i).padStart(4, "0");
    accounts.push({ id: `acc-${n}`, name: `Conformance ${n} Ltd`, domain: `conformance${n}.example.com`, industry: "Software", employeeCount: 50 + i });
    persons.push({
      id: `per-${n}`,
      email: `buyer.${n}@conformance${n}.example.com`,
      firstName: `Buyer${n}`,
      lastName: `Tester${n}`,
      title: "VP Marketing",
      country: "US",
      consent: { email: "granted", advertising: "granted" },
    });
    links.push({ accountId: `acc-${n}`, personId: `per-${n}` });
  }
  return buildSnapshot({ accounts, persons, links }, { asOf: "2026-01-01T00:00:00.000Z" });
}
