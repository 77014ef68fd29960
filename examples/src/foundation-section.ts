import { buildSnapshot, type Snapshot } from "@abm-kit/core";

/** The demo's clock for the hand-written data set. */
export const FOUNDATION_NOW = "2026-11-20T12:00:00.000Z";

/** Builds a Snapshot from a small hand-written data set. */
export function buildHandWrittenSnapshot(): Snapshot {
  return buildSnapshot(
    {
      accounts: [
        {
          id: "acc-acme",
          name: "Acme Robotics",
          domain: "https://www.acme.com",
          industry: "Software",
          employeeCount: 1200,
          type: "Prospect",
          attributes: { Tier__c: "Gold" },
        },
        { id: "acc-globex", name: "Globex", domain: "globex.io", industry: "Manufacturing", employeeCount: 5400, type: "Customer" },
        { id: "acc-initech", name: "Initech", domain: "initech.com", industry: "Software", employeeCount: 90 },
      ],
      persons: [
        { id: "per-ada", email: "ada@acme.com", firstName: "Ada", title: "Chief Marketing Officer", consent: { email: "granted" } },
        { id: "per-bob", email: "bob@acme.com", firstName: "Bob", title: "Engineer" },
        { id: "per-cy", email: "cy@globex.io", firstName: "Cy", title: "CIO", consent: { email: "denied" } },
      ],
      links: [
        { accountId: "acc-acme", personId: "per-ada", roles: ["Decision Maker"], reason: "crm.contact" },
        { accountId: "acc-acme", personId: "per-bob", reason: "crm.contact" },
        { accountId: "acc-globex", personId: "per-cy", reason: "crm.contact" },
        { accountId: "acc-globex", personId: "per-ada", isDirect: false, reason: "crm.accountContactRelation" },
      ],
      opportunities: [
        { id: "opp-1", accountId: "acc-globex", stage: "Closed Won", amount: 80_000, currency: "USD", closeDate: "2026-09-30", isClosed: true, isWon: true },
      ],
      events: [
        { id: "ev-1", type: "Visit Webpage", occurredAt: "2026-11-18T09:00:00.000Z", personId: "per-ada", properties: { webpage: "/pricing" } },
        { id: "ev-2", type: "Open Email", occurredAt: "2026-11-19T10:30:00.000Z", personId: "per-bob", properties: { email: "Launch" } },
        { id: "ev-3", type: "Fill Out Form", occurredAt: "2026-10-01T14:00:00.000Z", personId: "per-cy", properties: { form: "Demo request" } },
        { id: "ev-4", type: "Intent Surge", occurredAt: "2026-11-15T00:00:00.000Z", accountId: "acc-initech", properties: { topic: "Marketing automation" } },
        { id: "ev-bad", type: "Visit Webpage", occurredAt: "last tuesday", personId: "per-ada" },
      ],
    },
    { asOf: FOUNDATION_NOW },
  );
}

/** Prints what a hand-built Snapshot holds. */
export async function runFoundationSection(log: (line: string) => void): Promise<void> {
  const snapshot = buildHandWrittenSnapshot();
  const now = Date.parse(FOUNDATION_NOW);
  log("Snapshot from a hand-written data set:");
  for (const [table, rows] of Object.entries(snapshot.summary())) log(`  ${table.padEnd(18)} ${rows}`);
  for (const [entity, counts] of Object.entries(snapshot.report.counts)) {
    if (counts.read > 0) log(`  ${entity.padEnd(18)} read ${counts.read}, loaded ${counts.loaded}, rejected ${counts.rejected}`);
  }
  for (const problem of snapshot.report.problems) {
    log(`  rejected ${problem.entity} #${problem.row} (${problem.id ?? "no id"}): ${problem.path.join(".")}: ${problem.message}`);
  }
  for (let a = 0; a < snapshot.accounts.size; a++) {
    const people = Array.from(snapshot.peopleOf(a), (p) => snapshot.persons.value(p, "firstName"));
    const recent = Array.from(snapshot.peopleOf(a)).reduce((n, p) => {
      const w = snapshot.personEvents.window(p, now - 30 * 86_400_000, now);
      return n + (w.end - w.start);
    }, 0);
    log(`  ${String(snapshot.accounts.value(a, "name")).padEnd(14)} people: ${people.join(", ") || "(none)"}; person events in the last 30 days: ${recent}`);
  }
}
