import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { buildSnapshot } from "@abm-kit/core";
import { activate, MemoryStateStore, StopRunError } from "@abm-kit/destinations";
import { marketoDestination } from "@abm-kit/destination-marketo";
import { startFakeMarketo, type FakeMarketoServer } from "@abm-kit/destination-marketo/testing";
import { emailOf, idsOf, MAPPING, marketoSnapshot, RUN_NOW } from "./helpers/fixture.js";
import { runMarketo, virtualClock } from "./helpers/run.js";

const servers: FakeMarketoServer[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
});
async function fake(options: Parameters<typeof startFakeMarketo>[0]) {
  const server = await startFakeMarketo({ now: RUN_NOW, ...options });
  servers.push(server);
  return server;
}
const snapshot = marketoSnapshot(400);
const persons = idsOf(snapshot, "person");
const existing = (n: number) => Array.from({ length: n }, (_, i) => ({ email: emailOf(i) }));

describe("Marketo's call limits", () => {
  it("paces a run to 100 calls per 20 s: the fake, on the same clock, never answers 606", async () => {
    const clock = virtualClock();
    const marketo = await fake({ clock: clock.now, leads: existing(400) });
    const report = await runMarketo({
      settings: { ...marketo.settings(), maxBatchSize: 2, maxConcurrency: 1 },
      snapshot,
      audiences: [{ audienceId: "buyers", type: "person", memberIds: persons }],
      clock,
    });
    expect(report.failureCount).toBe(0);
    expect(report.totals.exported).toBe(400);
    const rest = marketo.fake.requests.filter((r) => r.kind !== "identity");
    expect(rest.length).toBe(2 + 2 * 200); // find and create the list, then a lookup and a list change per batch
    expect(marketo.fake.rejections).toEqual([]);
    // 403 calls at 100 per 20 s take at least four windows
    expect(clock.now()).toBeGreaterThanOrEqual(1_000 + 4 * 20_000);
  });

  it("waits out a 606 when other integrations used the window, and a 615 when they hold the concurrent slots", async () => {
    const clock = virtualClock();
    // the subscription allows 5 calls per 20 s here: the adapter, pacing itself to 100, meets 606s
    const busy = await fake({ clock: clock.now, leads: existing(40), rateLimit: { calls: 5, windowMs: 20_000 } });
    const report = await runMarketo({
      settings: { ...busy.settings(), maxBatchSize: 10 },
      snapshot,
      audiences: [{ audienceId: "buyers", type: "person", memberIds: persons.slice(0, 40) }],
      clock,
    });
    expect(report.failureCount).toBe(0);
    expect(busy.fake.listMemberEmails(busy.fake.staticLists()[0]!.id)).toHaveLength(40);
    expect(busy.fake.rejections.filter((r) => r.code === "606").length).toBeGreaterThan(0);
    expect(report.retries).toBe(busy.fake.rejections.length);

    // two slots free and slow calls: four batches at once meet 615s and are retried after concurrencyWaitMs
    const crowded = await fake({ leads: existing(80), maxConcurrent: 2, latencyMs: 30 });
    const crowdedReport = await activate(
      {
        id: "crowded",
        destination: { id: "marketo", settings: { ...crowded.settings(), maxBatchSize: 10, maxConcurrency: 4, concurrencyWaitMs: 40 } },
        audiences: [{ audienceId: "buyers" }],
        mapping: { person: MAPPING.person },
      },
      {
        destination: marketoDestination,
        snapshot,
        audiences: [{ audienceId: "buyers", type: "person", memberIds: persons.slice(0, 80) }],
        now: RUN_NOW,
        state: new MemoryStateStore(),
        sleep: (ms) => delay(ms / 20),
      }, // real waits, 20 times shorter: the fake's slots free up in real time
    );
    expect(crowdedReport.failureCount).toBe(0);
    expect(crowded.fake.listMemberEmails(crowded.fake.staticLists()[0]!.id)).toHaveLength(80);
    expect(crowded.fake.rejections.filter((r) => r.code === "615").length).toBeGreaterThan(0);
  });

  it("stops cleanly on the daily quota (607), says so, and the next day's run resumes from the checkpoint", async () => {
    const clock = virtualClock();
    const marketo = await fake({ clock: clock.now, leads: existing(100), dailyQuota: 12 });
    const settings = { ...marketo.settings(), maxBatchSize: 10, maxConcurrency: 1, dailyCallBudget: 12 };
    const state = new MemoryStateStore();
    const audiences = [{ audienceId: "buyers", type: "person" as const, memberIds: persons.slice(0, 100) }];
    // a dry run already says the plan does not fit in the day's budget
    const dry = await runMarketo({ settings, snapshot, audiences, state, clock, dryRun: true });
    expect(dry.warnings).toEqual([
      expect.stringMatching(/^audience buyers needs about 25 API calls \(100 adds, 0 removes\) but only 12 of the daily budget of 12 are left on 2026-12-02/),
    ]);
    expect(marketo.fake.requests).toEqual([]);

    const error = await runMarketo({ settings, snapshot, audiences, state, clock }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StopRunError);
    const stopped = (error as StopRunError).report!;
    expect(stopped.status).toBe("stopped");
    expect((error as StopRunError).code).toBe("MARKETO_DAILY_QUOTA");
    expect(stopped.warnings.join("\n")).toMatch(/Run the plan again after Marketo's daily reset \(12:00 AM US Central time\) to resume from it/);
    expect(stopped.apiUsage).toMatchObject({ day: "2026-12-02", callsBeforeRun: 0, dailyBudget: 12, remaining: 0 });
    const heldAtStop = marketo.fake.listMemberEmails(marketo.fake.staticLists()[0]!.id).length;
    expect(heldAtStop).toBe(50); // a lookup and a list change per batch of 10: five batches fit in 12 calls

    // the next day (after the reset at 06:00 UTC), the same plan resumes: only what is missing is sent
    clock.advance(24 * 3600_000);
    const resumed = await runMarketo({ settings, snapshot, audiences, state, clock, now: "2026-12-03T09:00:00.000Z" });
    expect(resumed.status).toBe("completed");
    expect(resumed.totals.exported).toBe(50);
    expect(resumed.apiUsage).toMatchObject({ day: "2026-12-03", callsBeforeRun: 0 });
    expect(marketo.fake.listMemberEmails(marketo.fake.staticLists()[0]!.id)).toEqual(
      persons
        .slice(0, 100)
        .map((_, i) => emailOf(i))
        .sort(),
    );
    expect(marketo.fake.redundantAdds).toBe(0);
  });
});

describe("lead creation never races", () => {
  it("people who share an email in concurrent batches get one lead, never a duplicate", async () => {
    const persons = [];
    for (let i = 0; i < 24; i++)
      persons.push({ id: `per-${i}`, email: `shared.${Math.floor(i / 3)}@acme.com`, firstName: `P${i}`, consent: { email: "granted" } as const });
    const shared = buildSnapshot({ persons }, { asOf: RUN_NOW });
    const marketo = await fake({ syncLatencyMs: 25 });
    const report = await runMarketo({
      settings: { ...marketo.settings(), createLeads: true, maxBatchSize: 1, maxConcurrency: 8 },
      snapshot: shared,
      audiences: [{ audienceId: "buyers", type: "person", memberIds: persons.map((p) => p.id) }],
      mapping: {
        person: [
          { source: "person.email", target: "email" },
          { source: "person.firstName", target: "firstName" },
        ],
      },
    });
    expect(report.failureCount).toBe(0);
    expect(marketo.fake.duplicateLeadsCreated).toBe(0);
    expect(marketo.fake.leads()).toHaveLength(8);
    expect(marketo.fake.listMembers(marketo.fake.staticLists()[0]!.id)).toHaveLength(8);
    // the syncs really ran while other batches were in flight
    expect(marketo.fake.maxConcurrentCalls).toBeGreaterThan(1);
  });
});
