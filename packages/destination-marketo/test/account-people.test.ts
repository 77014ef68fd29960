import { describe, expect, it } from "vitest";
import { buildSnapshot, type Snapshot } from "@abm-kit/core";
import { activate, MemoryStateStore, type RunReport, type StateStore } from "@abm-kit/destinations";
import { marketoDestination } from "@abm-kit/destination-marketo";
import { startFakeMarketo } from "@abm-kit/destination-marketo/testing";
import { MAPPING, RUN_NOW } from "./helpers/fixture.js";
import { virtualClock } from "./helpers/run.js";

/**
 * Three companies with a CMO and an engineer each; Dana (a CMO) works for
 * Alpha and Beta. `alphaLinked: false` drops Dana's link to Alpha.
 */
function world(options: { danaAtAlpha?: boolean; beaTitle?: string } = {}): Snapshot {
  const accounts = ["alpha", "beta", "gamma"].map((id) => ({ id, name: `${id} Inc`, domain: `${id}.example`, industry: "Software" }));
  const person = (id: string, title: string, domain: string) => ({
    id,
    email: `${id}@${domain}`,
    firstName: id,
    lastName: "Test",
    title,
    consent: { email: "granted" as const, advertising: "granted" as const },
  });
  const persons = [
    person("ada", "CMO", "alpha.example"),
    person("abe", "Engineer", "alpha.example"),
    person("bea", options.beaTitle ?? "CMO", "beta.example"),
    person("ben", "Engineer", "beta.example"),
    person("gia", "CMO", "gamma.example"),
    person("dana", "CMO", "beta.example"),
    { ...person("nora", "CMO", "alpha.example"), consent: { email: "denied" as const } },
  ];
  const links = [
    { accountId: "alpha", personId: "ada" },
    { accountId: "alpha", personId: "abe" },
    { accountId: "beta", personId: "bea" },
    { accountId: "beta", personId: "ben" },
    { accountId: "gamma", personId: "gia" },
    { accountId: "beta", personId: "dana" },
    { accountId: "alpha", personId: "nora" },
    ...(options.danaAtAlpha === false ? [] : [{ accountId: "alpha", personId: "dana" }]),
  ];
  return buildSnapshot({ accounts, persons, links }, { asOf: "2026-11-01T00:00:00.000Z" });
}

function run(settings: unknown, snapshot: Snapshot, accounts: string[], state: StateStore): Promise<RunReport> {
  const clock = virtualClock();
  return activate(
    {
      id: "marketo-account-people",
      destination: { id: "marketo", settings },
      audiences: [{ audienceId: "icp", people: { where: { kind: "attribute", field: "title", op: "eq", value: "CMO" } } }],
      mapping: { person: MAPPING.person },
      consent: { channel: "email" },
      mode: "incremental",
    },
    {
      destination: marketoDestination,
      snapshot,
      audiences: [{ audienceId: "icp", audienceName: "ICP", type: "account", memberIds: accounts }],
      now: RUN_NOW,
      state,
      clock: clock.now,
      sleep: async (ms) => clock.advance(ms),
      random: () => 0.5,
    },
  );
}

describe("account audiences through their people → a static list", () => {
  it("sends the qualifying accounts' CMOs once each, with consent per person, and removes people as accounts exit, links go and titles change", async () => {
    const marketo = await startFakeMarketo({ now: RUN_NOW });
    try {
      const settings = { ...marketo.settings(), createLeads: true };
      const state = new MemoryStateStore();
      const list = () => marketo.fake.listMemberEmails(marketo.fake.staticListNamed("ICP [icp]")!.id);

      const first = await run(settings, world(), ["alpha", "beta"], state);
      expect(first.failureCount).toBe(0);
      // Dana is at Alpha and Beta: one lead, one list member; Nora denied email consent
      expect(list()).toEqual(["ada@alpha.example", "bea@beta.example", "dana@beta.example"]);
      expect(marketo.fake.leadsWithEmail("dana@beta.example")).toHaveLength(1);
      expect(marketo.fake.leads().map((l) => l.email)).not.toContain("nora@alpha.example");
      expect(first.audiences[0]!.skipped.noConsent).toBe(1);

      // Alpha exits: Ada leaves, Dana stays through Beta
      const second = await run(settings, world(), ["beta", "gamma"], state);
      expect(second.failureCount).toBe(0);
      expect(list()).toEqual(["bea@beta.example", "dana@beta.example", "gia@gamma.example"]);

      // Dana's link to Beta is the only one left when Alpha comes back without her; Bea stops being a CMO
      const third = await run(settings, world({ danaAtAlpha: false, beaTitle: "Director" }), ["alpha", "gamma"], state);
      expect(third.failureCount).toBe(0);
      expect(list()).toEqual(["ada@alpha.example", "gia@gamma.example"]);
      expect(marketo.fake.duplicateLeadsCreated).toBe(0);
    } finally {
      await marketo.close();
    }
  });
});
