import { describe, expect, it } from "vitest";
import { MemoryStateStore } from "@abm-kit/destinations";
import { startFakeMarketo } from "@abm-kit/destination-marketo/testing";
import { emailOf, idsOf, marketoSnapshot, RUN_NOW } from "./helpers/fixture.js";
import { runMarketo } from "./helpers/run.js";

const snapshot = marketoSnapshot(700);
const persons = idsOf(snapshot, "person");
const accounts = idsOf(snapshot, "account");
const batches = (n: number, size = 300) => Array.from({ length: Math.ceil(n / size) }, (_, i) => Math.min(size, n - i * size));

describe("requests per run without faults", () => {
  it("member-carrying requests are ⌈changed members / 300⌉ per audience, step and action, plus a token and the list's find-or-create", async () => {
    const marketo = await startFakeMarketo({ now: RUN_NOW, leads: persons.map((_, i) => ({ email: emailOf(i) })) });
    try {
      const state = new MemoryStateStore();
      const first = await runMarketo({
        settings: marketo.settings(),
        snapshot,
        audiences: [
          { audienceId: "buyers", type: "person", memberIds: persons },
          { audienceId: "tier-1", type: "account", memberIds: accounts.slice(0, 650) },
        ],
        state,
      });
      expect(first.failureCount).toBe(0);
      // batches run four at a time, so requests are compared as a multiset
      const kinds = (from: number) =>
        marketo.fake.requests
          .slice(from)
          .map((r) => `${r.kind}:${r.batchSize ?? "-"}`)
          .sort();
      const expected = (list: (string | number | null)[][]) => list.map(([k, n]) => `${k}:${n ?? "-"}`).sort();
      expect(kinds(0)).toEqual(
        expected([
          ["identity", null],
          ["getStaticList", null], // by name: none yet
          ["createStaticList", null],
          ...batches(700).flatMap((n) => [
            ["getLeads", n],
            ["addToList", n],
          ]),
          ["getNamedAccountLists", null],
          ["createNamedAccountList", 1],
          ...batches(650).flatMap((n) => [
            ["syncNamedAccounts", n],
            ["addToAccountList", n],
          ]),
        ]),
      );
      expect(first.requests).toBe(marketo.fake.requests.length);
      expect(first.apiUsage).toMatchObject({ callsThisRun: 3 + 2 * 3 + 2 + 2 * 3, estimatedCalls: expect.any(Number) });
      expect(first.apiUsage!.estimatedCalls!).toBeGreaterThanOrEqual(first.requests);

      const before = marketo.fake.requests.length;
      const second = await runMarketo({
        settings: marketo.settings(),
        snapshot,
        audiences: [
          { audienceId: "buyers", type: "person", memberIds: persons.slice(0, 350) },
          { audienceId: "tier-1", type: "account", memberIds: accounts.slice(0, 650) },
        ],
        state,
      });
      expect(second.totals).toMatchObject({ exported: 0, removed: 350, failed: 0 });
      expect(kinds(before)).toEqual(
        expected([
          ["identity", null],
          ["getStaticList", null], // the remembered id
          ...batches(350).flatMap((n) => [
            ["getLeads", n],
            ["removeFromList", n],
          ]),
          ["getNamedAccountLists", null], // the remembered id; nothing else changed
        ]),
      );
      expect(second.apiUsage).toMatchObject({ callsBeforeRun: first.requests, callsThisRun: second.requests });
    } finally {
      await marketo.close();
    }
  });
});
