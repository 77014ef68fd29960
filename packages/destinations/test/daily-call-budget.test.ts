import { describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import {
  activate,
  defineDestination,
  MemoryStateStore,
  StopRunError,
  type ActivationPlanInput,
  type DestinationDefinition,
  secret,
  type PlannedAudienceWork,
} from "@abm-kit/destinations";
import { utcDayOf } from "../src/runtime/call-budget.js";
import { z } from "zod";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";
import { API_KEY, MemoryService, memoryDestination } from "./fixtures/memory-destination.js";

const snapshot = b2bSnapshot(40, 3);
const noWait = async () => {};
const valid = (list: string[]) => list.filter((id) => id !== "p0007");
const plan = (budget = 1000, mode: "full" | "incremental" = "incremental"): ActivationPlanInput => ({
  id: "budget",
  destination: { id: "memory", settings: { apiKey: API_KEY, budget } },
  audiences: [{ audienceId: "buyers" }],
  mapping: { person: [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email"] }] },
  mode,
});
const buyers = (memberIds: string[]) => [{ audienceId: "buyers", type: "person" as const, memberIds }];

type Settings = { apiKey: string; budget: number };

/** The memory destination (batches of 10, one call per adapter call) with a daily budget from the `budget` setting. */
function budgeted(
  service: MemoryService,
  extra: Partial<DestinationDefinition<Settings>> = {},
  hooks: Parameters<typeof memoryDestination>[1] = {},
): DestinationDefinition<Settings> {
  const base = memoryDestination(service, hooks) as unknown as DestinationDefinition<Settings>;
  return defineDestination<Settings>({
    ...base,
    settings: z.object({ apiKey: secret(z.string().min(8)), budget: z.number() }),
    dailyCallBudget: { calls: (s) => s.budget },
    ...extra,
  });
}

describe("a daily call budget", () => {
  it("counts the calls of consecutive runs on one UTC day and starts again the next day", async () => {
    const service = new MemoryService();
    const state = new MemoryStateStore();
    const first = await activate(plan(), { destination: budgeted(service), snapshot, audiences: buyers(ids("p", 0, 50)), now: NOW, state, sleep: noWait });
    // one find-or-create, 5 add batches of 10 (p0007 does not map)
    expect(first.requests).toBe(6);
    expect(first.apiUsage).toEqual({ day: "2026-11-20", callsBeforeRun: 0, callsThisRun: 6, dailyBudget: 1000, remaining: 994, estimatedCalls: 6 });
    const second = await activate(plan(), {
      destination: budgeted(service),
      snapshot,
      audiences: buyers(ids("p", 0, 70)),
      now: "2026-11-20T23:59:59.000Z",
      state,
      sleep: noWait,
    });
    expect(second.apiUsage).toMatchObject({ day: "2026-11-20", callsBeforeRun: 6, callsThisRun: 3, remaining: 991 });
    const nextDay = await activate(plan(), {
      destination: budgeted(service),
      snapshot,
      audiences: buyers(ids("p", 0, 60)),
      now: "2026-11-21T00:00:00.000Z",
      state,
      sleep: noWait,
    });
    expect(nextDay.apiUsage).toMatchObject({ day: "2026-11-21", callsBeforeRun: 0, callsThisRun: 2, remaining: 998 });
    expect(((await state.load("budget/memory")) as { apiUsage: unknown }).apiUsage).toEqual({ day: "2026-11-21", calls: 2 });
  });

  it("warns before sending when the planned calls do not fit in what is left, dry runs included", async () => {
    const service = new MemoryService();
    const state = new MemoryStateStore();
    const members = buyers(ids("p", 0, 120));
    const dry = await activate(plan(8), { destination: budgeted(service), snapshot, audiences: members, now: NOW, state, sleep: noWait, dryRun: true });
    expect(service.batches).toHaveLength(0);
    expect(dry.warnings.join("\n")).toMatch(
      /audience buyers needs about 13 API calls \(119 adds, 0 removes\) but only 8 of the daily budget of 8 are left on 2026-11-20/,
    );
    const fits = await activate(plan(13), {
      destination: budgeted(service),
      snapshot,
      audiences: members,
      now: NOW,
      state: new MemoryStateStore(),
      sleep: noWait,
      dryRun: true,
    });
    expect(fits.warnings).toEqual([]);
    // the warning is a warning: the run still sends (the service's own quota is what refuses calls)
    const real = await activate(plan(8), { destination: budgeted(service), snapshot, audiences: members, now: NOW, state, sleep: noWait });
    expect(real.warnings.some((w) => w.includes("needs about 13 API calls"))).toBe(true);
    expect(service.membersOf("ext-buyers")).toEqual(valid(ids("p", 0, 120)));
    expect(real.apiUsage).toMatchObject({ callsThisRun: 13, remaining: 0, estimatedCalls: 13 });
  });

  it("asks the adapter's estimate with the planned adds and removes", async () => {
    const service = new MemoryService();
    const state = new MemoryStateStore();
    const seen: PlannedAudienceWork[] = [];
    const estimate = (work: PlannedAudienceWork) => (seen.push(work), 3 * (work.adds + work.removes));
    await activate(plan(), {
      destination: budgeted(service, { dailyCallBudget: { calls: (s) => s.budget, estimate } }),
      snapshot,
      audiences: buyers(ids("p", 0, 30)),
      now: NOW,
      state,
      sleep: noWait,
    });
    const report = await activate(plan(), {
      destination: budgeted(service, { dailyCallBudget: { calls: (s) => s.budget, estimate } }),
      snapshot,
      audiences: buyers(ids("p", 10, 45)),
      now: NOW,
      state,
      sleep: noWait,
    });
    expect(seen.map(({ adds, removes, known, maxBatchSize }) => ({ adds, removes, known, maxBatchSize }))).toEqual([
      { adds: 29, removes: 0, known: false, maxBatchSize: 10 },
      { adds: 15, removes: 9, known: true, maxBatchSize: 10 }, // p0007 was never held
    ]);
    expect(report.apiUsage?.estimatedCalls).toBe(72);
  });

  it("puts the usage an adapter reports into the report, ignoring values that are not counts", async () => {
    const service = new MemoryService();
    const base = memoryDestination(service);
    const reporting = defineDestination({
      ...base,
      sendBatch: async (ctx, batch) => {
        ctx.reportApiUsage({ used: Number.NaN, limit: 5 });
        ctx.reportApiUsage({ used: 1200 + batch.members.length, limit: 15000 });
        ctx.reportApiUsage({ used: -1, limit: 15000 });
        return base.sendBatch!(ctx, batch);
      },
    });
    const report = await activate(
      { ...plan(), destination: { id: "memory", settings: { apiKey: API_KEY } } },
      { destination: reporting, snapshot, audiences: buyers(ids("p", 0, 25)), now: NOW, state: new MemoryStateStore(), sleep: noWait },
    );
    // no budget declared: usage as the service stated it, and this run's calls
    expect(report.apiUsage).toEqual({ day: "2026-11-20", callsBeforeRun: 0, callsThisRun: 4, reported: { used: 1204, limit: 15000 } });
    const silent = await activate(
      { ...plan(), destination: { id: "memory", settings: { apiKey: API_KEY } } },
      {
        destination: memoryDestination(new MemoryService()),
        snapshot,
        audiences: buyers(ids("p", 0, 5)),
        now: NOW,
        state: new MemoryStateStore(),
        sleep: noWait,
      },
    );
    expect(silent.apiUsage).toBeUndefined();
  });

  it("a quota stop keeps the day's count and the checkpoint; the next day's run resumes and finishes", async () => {
    const service = new MemoryService();
    const state = new MemoryStateStore();
    const audience = ids("p", 0, 100);
    const quota = (_b: unknown, n: number) => {
      if (n === 4) throw new StopRunError("DAILY_QUOTA", "the daily API quota is spent; running again after the daily reset resumes from the checkpoint");
    };
    const error = await activate(plan(), {
      destination: budgeted(service, {}, { beforeApply: quota }),
      snapshot,
      audiences: buyers(audience),
      now: NOW,
      state,
      sleep: noWait,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StopRunError);
    const stopped = (error as StopRunError).report!;
    expect(stopped.status).toBe("stopped");
    expect(stopped.warnings).toContain("the daily API quota is spent; running again after the daily reset resumes from the checkpoint");
    expect(stopped.apiUsage).toMatchObject({ day: "2026-11-20", callsBeforeRun: 0, callsThisRun: 5 });
    expect(service.membersOf("ext-buyers")).toHaveLength(30);
    // the count made it into the state even though the run stopped
    expect(((await state.load("budget/memory")) as { apiUsage: unknown }).apiUsage).toEqual({ day: "2026-11-20", calls: 5 });
    const sameDay = await activate(plan(), {
      destination: budgeted(service),
      snapshot,
      audiences: buyers(audience),
      now: "2026-11-20T18:00:00.000Z",
      state,
      sleep: noWait,
      dryRun: true,
    });
    expect(sameDay.apiUsage).toMatchObject({ callsBeforeRun: 5 });
    const resumed = await activate(plan(), {
      destination: budgeted(service),
      snapshot,
      audiences: buyers(audience),
      now: "2026-11-21T06:00:00.000Z",
      state,
      sleep: noWait,
    });
    expect(resumed.status).toBe("completed");
    expect(service.membersOf("ext-buyers")).toEqual(valid(audience));
    // the batch in flight at the stop is sent again under its key, then the rest: 99 − 30 members
    expect(resumed.totals.exported).toBe(69);
    expect(resumed.apiUsage).toMatchObject({ day: "2026-11-21", callsBeforeRun: 0 });
  });

  it("a budget that is not a positive integer is a ValidationError before any call", async () => {
    const service = new MemoryService();
    const error = await activate(plan(0), {
      destination: budgeted(service),
      snapshot,
      audiences: buyers(ids("p", 0, 5)),
      now: NOW,
      state: new MemoryStateStore(),
      sleep: noWait,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([{ path: ["dailyCallBudget"], message: "must be a positive integer" }]);
    expect(service.batches).toHaveLength(0);
  });

  it("counts on the UTC day of now", () => {
    expect(utcDayOf("2026-11-20T23:30:00-02:00")).toBe("2026-11-21");
    expect(utcDayOf("2026-11-20T00:00:00.000Z")).toBe("2026-11-20");
  });
});
