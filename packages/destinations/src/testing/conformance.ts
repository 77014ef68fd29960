import type { Snapshot } from "@abm-kit/core";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import { secretValuesOf } from "../definition/secret.js";
import type { FieldMappingInput } from "../mapping/field-mapping.js";
import type { ActivationPlanInput } from "../runtime/activation-plan.js";
import { activate } from "../runtime/activate.js";
import { createActivationEvents } from "../runtime/activation-events.js";
import { monotonicClock } from "../runtime/clock.js";
import type { RunReport } from "../runtime/run-report.js";
import { MemoryStateStore } from "../state/memory-state-store.js";
import type { StateStore } from "../state/state-store.js";
import { conformanceSnapshot } from "./conformance-fixture.js";
import { noFaults, randomFaultSchedule, seededRandom, type FaultSchedule } from "./fault.js";

/** A running instance of the destination's fake service, reached through the fault harness. */
export interface ConformanceService {
  /** Settings (as a plan would give them) that point the adapter at this service. */
  readonly settings: unknown;
  /** The member ids the service holds for an abm-kit audience id. */
  members(audienceId: string): Promise<string[]>;
  /** Adds applied to members already present (outside idempotent replays), when the service can tell. */
  redundantAdds?(): number;
  /** Secrets the service issued (access tokens), to look for in the output. */
  secrets?(): readonly string[];
  close(): Promise<void>;
}

/** What an adapter author gives the suite. */
export interface ConformanceHarness<Settings> {
  readonly destination: DestinationDefinition<Settings>;
  /** Starts a fresh service behind a fault-injecting server using `schedule`. */
  start(schedule: FaultSchedule): Promise<ConformanceService>;
  readonly audienceType: "account" | "person";
  /** The plan's mapping for that audience type. */
  readonly mapping: readonly FieldMappingInput[];
  /** Data and candidate members; default {@link conformanceSnapshot} and all its accounts or persons. */
  readonly fixture?: { readonly snapshot: Snapshot; readonly memberIds: readonly string[] };
}

/** Suite options. */
export interface ConformanceOptions {
  /** Random fault schedules to run (default 20). */
  readonly faultSchedules?: number;
  /** Probability that a request gets a fault (default 0.3). */
  readonly faultRate?: number;
  readonly seed?: number;
  /** Runs allowed per schedule to converge (default 3). */
  readonly maxRuns?: number;
}

/** One check's outcome. */
export interface ConformanceCheck {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
}

/** The suite's outcome. */
export interface ConformanceReport {
  readonly passed: boolean;
  readonly checks: readonly ConformanceCheck[];
}

const NOW = "2026-06-01T08:00:00.000Z";
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const sorted = (a: Iterable<string>) => [...a].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

/**
 * Runs the destination conformance suite: declaration sanity, full export,
 * incremental convergence, idle re-run, dry run, random fault schedules
 * (after any schedule the service holds exactly the audience, nothing lost,
 * nothing re-applied), crash-and-resume, and no secret in any report, event
 * or error. Returns every check; {@link assertConformance} throws on failures.
 */
export async function runConformanceSuite<Settings>(harness: ConformanceHarness<Settings>, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const checks: ConformanceCheck[] = [];
  const output: string[] = [];
  const secrets = new Set<string>();
  const destination = harness.destination;
  const snapshot = harness.fixture?.snapshot ?? conformanceSnapshot();
  const table = harness.audienceType === "account" ? snapshot.accounts : snapshot.persons;
  const allIds = harness.fixture?.memberIds ?? Array.from({ length: table.size }, (_, i) => table.id(i));
  const first = allIds.slice(0, Math.ceil(allIds.length * 0.75));
  const second = allIds.slice(Math.ceil(allIds.length * 0.25));
  const audienceId = "conformance-audience";
  const seed = options.seed ?? 7;
  let slept = 0;

  const check = async (name: string, body: () => Promise<string>) => {
    try {
      checks.push({ name, passed: true, detail: await body() });
    } catch (error) {
      output.push(JSON.stringify(error, Object.getOwnPropertyNames(error ?? {})));
      checks.push({ name, passed: false, detail: error instanceof Error ? error.message : String(error) });
    }
  };
  const expect = (condition: boolean, message: string) => {
    if (!condition) throw new Error(message);
  };
  const plan = (service: ConformanceService, mode: "full" | "incremental"): ActivationPlanInput => ({
    id: "conformance",
    destination: { id: destination.id, settings: service.settings },
    audiences: [{ audienceId }],
    mapping: { [harness.audienceType]: harness.mapping },
    mode,
  });
  const run = async (
    service: ConformanceService,
    memberIds: readonly string[],
    state: StateStore,
    extra: { mode?: "full" | "incremental"; dryRun?: boolean; definition?: DestinationDefinition<Settings>; signal?: AbortSignal } = {},
  ): Promise<RunReport> => {
    for (const s of secretValuesOf(destination.settings, service.settings)) secrets.add(s);
    const events = createActivationEvents();
    for (const name of ["run:start", "audience:delta", "batch:sent", "batch:retry", "auth:refreshed", "checkpoint", "file:written", "run:end"] as const) {
      events.on(name, (payload: unknown) => output.push(JSON.stringify(payload)));
    }
    try {
      const report = await activate(plan(service, extra.mode ?? "incremental"), {
        destination: extra.definition ?? destination,
        snapshot,
        audiences: [{ audienceId, audienceName: "Conformance audience", type: harness.audienceType, memberIds }],
        now: NOW,
        state,
        events,
        // waits are virtual: the clock moves by what was slept, so rate limits hold without real waiting
        sleep: async (ms: number) => {
          slept += ms;
        },
        clock: () => monotonicClock() + slept,
        random: seededRandom(seed),
        ...(extra.dryRun ? { dryRun: true, previewLimit: Number.MAX_SAFE_INTEGER } : {}),
        ...(extra.signal ? { signal: extra.signal } : {}),
      });
      output.push(JSON.stringify(report));
      return report;
    } finally {
      for (const s of service.secrets?.() ?? []) secrets.add(s);
    }
  };
  const withService = async <T>(schedule: FaultSchedule, body: (service: ConformanceService) => Promise<T>): Promise<T> => {
    const service = await harness.start(schedule);
    try {
      return await body(service);
    } finally {
      await service.close();
    }
  };

  // The members the destination should end up with: what a dry run would add.
  let expectedFirst: string[] = [];
  let expectedSecond: string[] = [];
  await check("declaration", async () => {
    const targets = destination.mappingTargets[harness.audienceType] ?? [];
    expect(destination.audienceTypes.includes(harness.audienceType), `does not declare ${harness.audienceType} audiences`);
    if (destination.delivery.kind === "streaming") expect(destination.limits.maxBatchSize !== undefined, "a streaming destination declares limits.maxBatchSize");
    if (targets.length > 0) expect(targets.some((t) => t.identity !== undefined), "declares no identity mapping target");
    return `${targets.length} mapping targets, batch ${destination.limits.maxBatchSize ?? "-"}`;
  });
  await check("dry run sends nothing", async () =>
    withService(noFaults, async (service) => {
      const state = new MemoryStateStore();
      const a = await run(service, first, state, { dryRun: true });
      const b = await run(service, second, state, { dryRun: true });
      expectedFirst = sorted(a.audiences[0]!.preview!.adds.map((m) => m.memberId));
      expectedSecond = sorted(b.audiences[0]!.preview!.adds.map((m) => m.memberId));
      expect(expectedFirst.length > 0, "the dry run would send no one: check the mapping and fixture");
      expect((await service.members(audienceId)).length === 0, "the service holds members after a dry run");
      expect(state.keys().length === 0, "a dry run saved state");
      return `${expectedFirst.length} members would be sent`;
    }),
  );
  await check("full, incremental and idle runs converge", async () =>
    withService(noFaults, async (service) => {
      const state = new MemoryStateStore();
      const full = await run(service, first, state, { mode: "full" });
      const held1 = await service.members(audienceId);
      expect(same(held1, expectedFirst), `after a full run the service holds ${held1.length} members, expected ${expectedFirst.length}`);
      expect(full.failureCount === 0, `full run had ${full.failureCount} failures`);
      const inc = await run(service, second, state, { mode: "incremental" });
      const held2 = await service.members(audienceId);
      expect(same(held2, expectedSecond), `after an incremental run the service holds ${held2.length} members, expected ${expectedSecond.length}`);
      const realized = expectedSecond.filter((id) => !expectedFirst.includes(id)).length;
      const exited = expectedFirst.filter((id) => !expectedSecond.includes(id)).length;
      expect(inc.totals.exported === realized && inc.totals.removed === exited, `incremental sent ${inc.totals.exported}/${inc.totals.removed}, expected ${realized}/${exited}`);
      const idle = await run(service, second, state, { mode: "incremental" });
      expect(idle.totals.exported === 0 && idle.totals.removed === 0, "an unchanged re-run sent members");
      return `full ${full.totals.exported}, incremental +${inc.totals.exported} -${inc.totals.removed}`;
    }),
  );
  await check("random fault schedules keep exactly the audience", async () => {
    const schedules = options.faultSchedules ?? 20;
    const maxRuns = options.maxRuns ?? 3;
    const small = smallBatches(destination, expectedFirst.length);
    let faultsSeen = 0;
    for (let s = 0; s < schedules; s++) {
      await withService(randomFaultSchedule(seed * 1000 + s, options.faultRate ?? 0.3), async (service) => {
        const state = new MemoryStateStore();
        let failures = 0;
        for (let r = 0; r < maxRuns; r++) {
          const report = await run(service, first, state, { definition: small });
          failures += report.failureCount;
          faultsSeen += report.retries + report.tokenRefreshes;
          if (report.failureCount === 0) break;
        }
        const held = await service.members(audienceId);
        expect(same(held, expectedFirst), `schedule ${s}: the service holds ${held.length} members, expected ${expectedFirst.length}`);
        const redundant = service.redundantAdds?.() ?? 0;
        expect(redundant <= failures, `schedule ${s}: ${redundant} members were applied twice`);
      });
    }
    return `${schedules} schedules, ${faultsSeen} retries and refreshes`;
  });
  await check("crash and resume loses no one", async () => {
    const random = seededRandom(seed + 99);
    const batch = smallBatches(destination, expectedFirst.length).limits.maxBatchSize!;
    const concurrency = destination.limits.maxConcurrency ?? 1;
    const crashAt = 1 + Math.floor(random() * 4);
    return withService(noFaults, async (service) => {
      const state = new MemoryStateStore();
      const controller = new AbortController();
      let sent = 0;
      const send = destination.sendBatch;
      const crashing: DestinationDefinition<Settings> = {
        ...destination,
        limits: { ...destination.limits, maxBatchSize: batch },
        ...(send
          ? {
              sendBatch: async (ctx, b) => {
                const results = await send(ctx, b);
                if (++sent === crashAt) {
                  controller.abort();
                  throw new Error("simulated crash after the service applied the batch");
                }
                return results;
              },
            }
          : {}),
      };
      let threw = false;
      try {
        await run(service, first, state, { definition: crashing, signal: controller.signal });
      } catch {
        threw = true;
      }
      if (send) expect(threw, "the crashed run did not report the abort");
      const resumed = await run(service, first, state, { definition: { ...destination, limits: { ...destination.limits, maxBatchSize: batch } } });
      const held = await service.members(audienceId);
      expect(same(held, expectedFirst), `after resuming the service holds ${held.length} members, expected ${expectedFirst.length}`);
      const redundant = service.redundantAdds?.() ?? 0;
      expect(redundant <= batch * concurrency, `${redundant} members were re-sent; at most the batches in flight (${batch * concurrency}) may be`);
      return `crashed after batch ${crashAt}; resume sent ${resumed.totals.exported}, ${redundant} re-applied`;
    });
  });
  await check("no secret in reports, events or errors", async () => {
    const text = output.join("\n");
    const leaked = [...secrets].filter((s) => s.length >= 4 && text.includes(s));
    expect(secrets.size > 0 || destination.authenticate === undefined, "no secrets were found to look for: mark secret settings with secret()");
    expect(leaked.length === 0, `${leaked.length} secret value(s) appear in the output`);
    return `${secrets.size} secrets checked against ${output.length} outputs`;
  });
  return { passed: checks.every((c) => c.passed), checks };
}

/** The destination with batches small enough that `members` make about six of them (more requests, more faults). */
function smallBatches<Settings>(destination: DestinationDefinition<Settings>, members: number): DestinationDefinition<Settings> {
  const batch = Math.max(1, Math.min(destination.limits.maxBatchSize ?? 1000, Math.ceil(members / 6)));
  return { ...destination, limits: { ...destination.limits, maxBatchSize: batch } };
}

/** Throws an error naming every failed check. */
export function assertConformance(report: ConformanceReport): void {
  const failed = report.checks.filter((c) => !c.passed);
  if (failed.length > 0) throw new Error(`conformance failed:\n${failed.map((c) => `- ${c.name}: ${c.detail}`).join("\n")}`);
}
