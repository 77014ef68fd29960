import type { Snapshot } from "@abm-kit/core";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import type { MemberResult } from "../definition/member.js";
import { secretValuesOf } from "../definition/secret.js";
import type { FieldMappingInput } from "../mapping/field-mapping.js";
import type { ActivationPlanInput } from "../runtime/activation-plan.js";
import { activate } from "../runtime/activate.js";
import { createActivationEvents } from "../runtime/activation-events.js";
import { monotonicClock } from "../runtime/clock.js";
import { secretAppearsIn } from "../runtime/redactor.js";
import type { RunReport } from "../runtime/run-report.js";
import { MemoryStateStore } from "../state/memory-state-store.js";
import type { StateStore } from "../state/state-store.js";
import { tokenFaultSchedule } from "./conformance-auth.js";
import { echoingSecrets, SHORT_SECRET, type EchoState } from "./conformance-echo.js";
import { conformanceSnapshot } from "./conformance-fixture.js";
import { loggingKeys, rememberingKeys, reusedKeys, type KeyUse } from "./conformance-keys.js";
import { AUTH_PATH, noFaults, randomFaultSchedule, seededRandom, type FaultSchedule } from "./fault.js";

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
  /**
   * Every secret value inside `settings`, as the harness knows them. The suite
   * checks that the settings schema marks each one with `secret()` (wherever it
   * sits: unions, records, transforms) and that none appears in any output.
   * Include a short one (under 8 characters) if the settings allow it.
   */
  readonly settingSecrets?: readonly string[];
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
  /**
   * Paths of the service's token requests (faults there exclude expired-token 401s); default {@link AUTH_PATH}.
   * `null` when the service has no token endpoint (requests are signed with credentials obtained in the
   * adapter's process, as with AWS SigV4): the token-endpoint check is then reported as not applicable.
   */
  readonly authPath?: RegExp | null;
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
 * Runs the destination conformance suite: declaration sanity, secret settings
 * marked, dry run, full export, incremental convergence, idle re-run, members
 * who leave and come back applied again (in front of a service that keeps
 * idempotency keys forever), random fault schedules (after any schedule the
 * service holds exactly the audience, nothing lost, nothing re-applied —
 * token requests get faults too), token-endpoint faults during every
 * authentication and refresh, crash-and-resume, secrets echoed by the service,
 * no idempotency key naming two applications, and no secret (of any length)
 * in any report, event, error, problem or checkpoint. Returns every check;
 * {@link assertConformance} throws on failures.
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
  const authPath = harness.authPath === null ? null : (harness.authPath ?? AUTH_PATH);
  const noPath = /(?!)/;
  let slept = 0;
  // Idempotency keys as the runtime sent them, by logical run (a resumed run continues the one that crashed).
  const keyLog: KeyUse[] = [];
  const openRuns = new Map<StateStore, number>();
  let runs = 0;

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
    for (const s of service.settingSecrets ?? []) secrets.add(s);
    const logical = openRuns.get(state) ?? ++runs;
    if (!extra.dryRun) openRuns.set(state, logical);
    // every checkpoint is output too: no secret may reach it
    const recording: StateStore = { load: (key) => state.load(key), save: (key, value) => (output.push(JSON.stringify(value)), state.save(key, value)) };
    const events = createActivationEvents();
    for (const name of ["run:start", "audience:delta", "batch:sent", "batch:retry", "auth:refreshed", "checkpoint", "file:written", "run:end"] as const) {
      events.on(name, (payload: unknown) => output.push(JSON.stringify(payload)));
    }
    try {
      const report = await activate(plan(service, extra.mode ?? "incremental"), {
        destination: loggingKeys(extra.definition ?? destination, keyLog, logical),
        snapshot,
        audiences: [{ audienceId, audienceName: "Conformance audience", type: harness.audienceType, memberIds }],
        now: NOW,
        state: recording,
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
      if (!extra.dryRun) openRuns.delete(state); // finished: the next run on this state is a new one
      return report;
    } catch (error) {
      output.push(JSON.stringify(error, Object.getOwnPropertyNames(error ?? {})), String((error as Error)?.stack));
      throw error;
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
    if (destination.delivery.kind === "streaming")
      expect(destination.limits.maxBatchSize !== undefined, "a streaming destination declares limits.maxBatchSize");
    if (targets.length > 0)
      expect(
        targets.some((t) => t.identity !== undefined),
        "declares no identity mapping target",
      );
    return `${targets.length} mapping targets, batch ${destination.limits.maxBatchSize ?? "-"}`;
  });
  await check("secret settings are marked secret()", async () =>
    withService(noFaults, async (service) => {
      const declared = service.settingSecrets ?? [];
      const found = new Set(secretValuesOf(destination.settings, service.settings));
      const missed = declared.filter((s) => !found.has(s));
      expect(missed.length === 0, `${missed.length} of the harness's ${declared.length} setting secrets are not marked with secret() in the settings schema`);
      return declared.length === 0 ? `${found.size} secrets found (the harness declares no settingSecrets)` : `${declared.length} declared secrets found`;
    }),
  );
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
      expect(
        inc.totals.exported === realized && inc.totals.removed === exited,
        `incremental sent ${inc.totals.exported}/${inc.totals.removed}, expected ${realized}/${exited}`,
      );
      const idle = await run(service, second, state, { mode: "incremental" });
      expect(idle.totals.exported === 0 && idle.totals.removed === 0, "an unchanged re-run sent members");
      return `full ${full.totals.exported}, incremental +${inc.totals.exported} -${inc.totals.removed}`;
    }),
  );
  await check("members who leave and come back are applied again", async () =>
    withService(noFaults, async (service) => {
      // in front of a service that keeps every idempotency key forever
      const misuses: string[] = [];
      const remembering = rememberingKeys(destination, new Map<string, { batch: string; results: readonly MemberResult[] }>(), misuses);
      const state = new MemoryStateStore();
      const rounds: [readonly string[], string[]][] = [
        [first, expectedFirst],
        [second, expectedSecond],
        [first, expectedFirst],
        [second, expectedSecond],
      ];
      for (const [n, [memberIds, expected]] of rounds.entries()) {
        const report = await run(service, memberIds, state, { definition: remembering });
        const held = await service.members(audienceId);
        expect(report.failureCount === 0, `run ${n + 1} had ${report.failureCount} failures`);
        expect(
          same(held, expected),
          `after run ${n + 1} the service holds ${held.length} members, expected ${expected.length}: a key named an earlier application`,
        );
      }
      expect(misuses.length === 0, misuses[0] ?? "");
      return `${rounds.length} runs, members left and came back twice`;
    }),
  );
  await check("random fault schedules keep exactly the audience", async () => {
    const schedules = options.faultSchedules ?? 20;
    const maxRuns = options.maxRuns ?? 3;
    const small = smallBatches(destination, expectedFirst.length);
    let faultsSeen = 0;
    for (let s = 0; s < schedules; s++) {
      await withService(randomFaultSchedule(seed * 1000 + s, options.faultRate ?? 0.3, { auth: authPath ?? noPath }), async (service) => {
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
  await check("token endpoint faults during refreshes are survived", async () => {
    if (destination.authenticate === undefined) return "the destination does not authenticate";
    if (authPath === null) return "not applicable: the service has no token endpoint (the harness says authPath: null)";
    const { schedule, counts } = tokenFaultSchedule(authPath);
    return withService(schedule, async (service) => {
      const report = await run(service, first, new MemoryStateStore(), { definition: smallBatches(destination, expectedFirst.length) });
      expect(counts.tokenRequests > 0, `no request matched authPath ${authPath}: set the harness's authPath to the service's token path`);
      const held = await service.members(audienceId);
      expect(report.failureCount === 0, `${report.failureCount} members failed with ${counts.tokenFaults} token-endpoint faults`);
      expect(same(held, expectedFirst), `the service holds ${held.length} members, expected ${expectedFirst.length}`);
      expect(report.tokenRefreshes > 0, "no refresh happened although requests were refused as expired");
      return `${counts.tokenFaults} token-endpoint faults over ${counts.tokenRequests} token requests, ${report.tokenRefreshes} refreshes`;
    });
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
  await check("secrets echoed by the service are redacted", async () =>
    withService(noFaults, async (service) => {
      const state = new MemoryStateStore();
      const settingSecrets = [...new Set([...secretValuesOf(destination.settings, service.settings), ...(service.settingSecrets ?? [])])];
      if (destination.authenticate !== undefined) secrets.add(SHORT_SECRET);
      const echo: EchoState = { phase: "crash", calls: 0, crashedRunTokens: [] };
      const echoing = echoingSecrets(destination, settingSecrets, echo);
      let stopped = false;
      try {
        await run(service, first, state, { definition: echoing });
      } catch {
        stopped = true;
      }
      expect(stopped, "the run did not stop on the adapter's typed error");
      echo.phase = "resume";
      echo.calls = 0;
      const resumed = await run(service, first, state, { definition: echoing });
      const held = await service.members(audienceId);
      expect(same(held, expectedFirst), `after resuming the service holds ${held.length} members, expected ${expectedFirst.length}`);
      return `${settingSecrets.length} setting secrets, ${echo.crashedRunTokens.length} tokens of the crashed run echoed; resume sent ${resumed.totals.exported}`;
    }),
  );
  await check("idempotency keys name one application each", async () => {
    const reused = reusedKeys(keyLog);
    if (destination.delivery.kind === "streaming") expect(keyLog.length > 0, "no batch was sent");
    expect(reused.length === 0, `${reused.length} keys were reused: ${reused.slice(0, 3).join("; ")}`);
    return `${new Set(keyLog.map((k) => k.key)).size} keys over ${runs} runs`;
  });
  await check("no secret in reports, events, errors, problems or checkpoints", async () => {
    const text = output.join("\n");
    const leaked = [...secrets].filter((s) => s.length > 0 && secretAppearsIn(text, s));
    expect(secrets.size > 0 || destination.authenticate === undefined, "no secrets were found to look for: mark secret settings with secret()");
    expect(leaked.length === 0, `${leaked.length} secret value(s) appear in the output${leaked.some((s) => s.length < 8) ? " (short ones included)" : ""}`);
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
