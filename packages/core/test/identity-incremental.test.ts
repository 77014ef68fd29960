import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdentityGraph, type IdentityBatch, type IdentityConfigInput } from "../src/index.js";
import { concatBatches, contact, contactLink, lead, marketoLead, sfAccount } from "./identity-records.js";

const config: IdentityConfigInput = {
  linkByEmailDomain: true,
  persons: {
    mergeOn: [
      { namespace: "salesforce.contact" },
      { namespace: "salesforce.lead" },
      { namespace: "marketo.lead" },
      { namespace: "email", maxRecordsPerValue: 3 },
    ],
    fieldPolicies: { title: "mostRecent" },
  },
};

/** A small world with merges by cross-reference and email, a capped email, duplicate copies and links. */
function world(): IdentityBatch[] {
  const c = (n: number) => `0035e00000Pers${String(n).padStart(2, "0")}AAA`;
  const a = (n: number) => `0015e00000Acct${String(n).padStart(2, "0")}AAA`;
  return [
    { accounts: [sfAccount(a(1), { name: "Acme", domain: "acme.com", industry: "Software" }), sfAccount(a(2), { name: "Beta", domain: "www.beta.io" })] },
    {
      persons: [
        contact(c(1), { email: "jane@acme.com", title: "VP Marketing", updatedAt: "2026-01-01T00:00:00.000Z" }),
        contact(c(2), { email: "bob@beta.io" }),
      ],
      links: [contactLink(c(1), a(1)), contactLink(c(2), a(2))],
    },
    {
      persons: [
        lead("00Q5e00000Lead01AAA", { email: "JANE@acme.com", title: "CMO", updatedAt: "2026-03-01T00:00:00.000Z" }, c(1)),
        lead("00Q5e00000Lead02AAA", { email: "info@beta.io" }),
      ],
    },
    {
      persons: [
        marketoLead("1", { email: "info@beta.io", consent: { email: "denied" } }),
        marketoLead("2", { email: "info@beta.io" }),
        marketoLead("3", { email: "info@beta.io" }),
      ],
    },
    {
      persons: [
        marketoLead("4", { email: "x@gmail.com" }, { contact: c(2) }),
        marketoLead("4", { email: "x@gmail.com", title: "Director of IT", updatedAt: "2026-05-01T00:00:00.000Z" }),
      ],
    },
    {
      events: [
        { event: { id: "m1", type: "Open Email", occurredAt: "2026-10-01T00:00:00.000Z" }, person: { namespace: "marketo.lead", value: "4" } },
        { event: { id: "m2", type: "Visit Webpage", occurredAt: "2026-10-02T00:00:00.000Z" }, person: { namespace: "marketo.lead", value: "1" } },
      ],
    },
  ];
}

/** Splits every batch into single-record batches. */
function explode(batches: IdentityBatch[]): IdentityBatch[] {
  return batches.flatMap((b) => Object.entries(b).flatMap(([part, records]) => (records as unknown[]).map((r) => ({ [part]: [r] }) as IdentityBatch)));
}

function build(batches: readonly IdentityBatch[]) {
  const g = new IdentityGraph(config);
  for (const b of batches) g.add(b);
  return g;
}

describe("IdentityGraph incremental and order independence", () => {
  it("gives the same result adding batches one by one as one rebuild, including a value crossing its cap", () => {
    const batches = world();
    const incremental = new IdentityGraph(config);
    const seen: number[] = [];
    for (const b of batches) {
      incremental.add(b);
      seen.push(incremental.entities().persons.length);
    }
    const rebuilt = build([concatBatches(batches)]);
    expect(incremental.entities()).toEqual(rebuilt.entities());
    expect(incremental.report).toEqual(rebuilt.report);
    // the info@beta.io lead merged with nobody once four records shared it
    expect(rebuilt.report.overCapValues.map((v) => v.value)).toEqual(["info@beta.io"]);
    expect(seen).toEqual([0, 2, 3, 6, 6, 6]);
  });

  it("does not depend on the order of input files or rows (property)", () => {
    const records = explode(world());
    const expected = build(records);
    const expectedEntities = expected.entities();
    fc.assert(
      fc.property(fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }), fc.integer({ min: 1, max: 5 }), (shuffled, chunk) => {
        const batches: IdentityBatch[] = [];
        for (let i = 0; i < shuffled.length; i += chunk) batches.push(concatBatches(shuffled.slice(i, i + chunk)));
        const g = build(batches);
        expect(g.entities()).toEqual(expectedEntities);
        expect(g.report.linksByRule).toEqual(expected.report.linksByRule);
        for (const p of expectedEntities.persons) expect(g.explainPerson(p.id)).toEqual(expected.explainPerson(p.id));
      }),
      { numRuns: 150 },
    );
  });

  it("merges the world as documented", () => {
    const g = build(world());
    const persons = g.entities().persons;
    const jane = persons.find((p) => p.id === "0035e00000Pers01AAA")!;
    expect(jane.title).toBe("CMO");
    const bob = persons.find((p) => p.id === "0035e00000Pers02AAA")!;
    expect(bob.title).toBe("Director of IT");
    expect(g.entities().events.map((e) => e.personId)).toEqual(["0035e00000Pers02AAA", "marketo.lead:1"]);
    expect(g.report.linksByRule).toEqual({ contactAccount: 2, emailDomain: 6 });
  });
});
