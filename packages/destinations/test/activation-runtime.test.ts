import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AbmKitError } from "@abm-kit/core";
import {
  activate,
  ActivationError,
  createActivationEvents,
  hashEmail,
  MemoryStateStore,
  RetryableError,
  type ActivationPlanInput,
} from "@abm-kit/destinations";
import { API_KEY, MemoryService, memoryDestination } from "./fixtures/memory-destination.js";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";

const snapshot = b2bSnapshot(30, 3); // a0000…a0029, p0000…p0089

const personPlan = (extra: Partial<ActivationPlanInput> = {}): ActivationPlanInput => ({
  id: "people",
  destination: { id: "memory", settings: { apiKey: API_KEY } },
  audiences: [{ audienceId: "buyers" }],
  mapping: {
    person: [
      { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
      { source: "person.title", target: "title" },
    ],
  },
  ...extra,
});
const buyers = (memberIds: string[]) => [{ audienceId: "buyers", audienceName: "Buyers", type: "person" as const, memberIds }];
const noWait = async () => {};
const valid = (list: string[]) => list.filter((id) => id !== "p0007");

describe("delta across runs against the state store", () => {
  it("sends realized adds and exited removes only, and nothing when unchanged", async () => {
    const service = new MemoryService();
    const state = new MemoryStateStore();
    const destination = memoryDestination(service);
    const run = (memberIds: string[]) => activate(personPlan(), { destination, snapshot, audiences: buyers(memberIds), now: NOW, state, sleep: noWait });

    const r1 = await run(ids("p", 0, 40));
    expect(r1.audiences[0]).toMatchObject({ realized: 39, existing: 0, exited: 0, exported: 39, removed: 0 });
    const r2 = await run(ids("p", 20, 60));
    expect(r2.audiences[0]).toMatchObject({ realized: 20, existing: 20, exited: 19, exported: 20, removed: 19 });
    expect(service.membersOf("ext-buyers")).toEqual(ids("p", 20, 60));
    const batchesBefore = service.batches.length;
    const r3 = await run(ids("p", 20, 60));
    expect(r3.audiences[0]).toMatchObject({ realized: 0, existing: 40, exited: 0, exported: 0, removed: 0 });
    expect(service.batches.length).toBe(batchesBefore);
  });

  it("removes exited members with the identity they were sent with", async () => {
    const service = new MemoryService();
    const state = new MemoryStateStore();
    const destination = memoryDestination(service);
    await activate(personPlan(), { destination, snapshot, audiences: buyers(["p0001", "p0002"]), now: NOW, state, sleep: noWait });
    await activate(personPlan(), { destination, snapshot, audiences: buyers(["p0002"]), now: NOW, state, sleep: noWait });
    const removal = service.batches.find((b) => b.action === "remove")!;
    expect(removal.members).toEqual([{ memberId: "p0001", fields: { email_sha256: hashEmail("person.1@companya0000.com") } }]);
  });

  it("full mode re-sends every member; incremental re-sends only changed fields", async () => {
    const service = new MemoryService();
    const state = new MemoryStateStore();
    const destination = memoryDestination(service);
    await activate(personPlan(), { destination, snapshot, audiences: buyers(ids("p", 0, 10)), now: NOW, state, sleep: noWait });
    const full = await activate(personPlan({ mode: "full" }), { destination, snapshot, audiences: buyers(ids("p", 0, 10)), now: NOW, state, sleep: noWait });
    expect(full.totals.exported).toBe(9);
    // a mapping change changes every member's fields: incremental sends them again as changed
    const changed = await activate(
      personPlan({
        mapping: {
          person: [
            { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
            { source: "person.lastName", target: "title" },
          ],
        },
      }),
      { destination, snapshot, audiences: buyers(ids("p", 0, 10)), now: NOW, state, sleep: noWait },
    );
    expect(changed.audiences[0]).toMatchObject({ realized: 0, changed: 9, exported: 9 });
  });
});

describe("crash at a random batch, then resume", () => {
  it("loses no member and re-sends at most the batches in flight (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }), // batch size
        fc.integer({ min: 1, max: 3 }), // concurrency
        fc.integer({ min: 1, max: 10 }), // crash at batch n
        fc.boolean(), // crash after the service applied the batch (response lost) or before
        fc.constantFrom("abort", "throw"),
        fc.integer({ min: 0, max: 60 }), // members already delivered before
        async (batchSize, concurrency, crashAt, afterApply, how, before) => {
          const service = new MemoryService();
          const state = new MemoryStateStore();
          const audience = ids("p", 0, 90);
          const controller = new AbortController();
          // an earlier, complete run
          if (before > 0) {
            await activate(personPlan(), {
              destination: memoryDestination(service),
              snapshot,
              audiences: buyers(audience.slice(0, before)),
              now: NOW,
              state,
              sleep: noWait,
            });
          }
          const sentBefore = service.addsSent.length;
          let crashed = false;
          const crash = (_b: unknown, n: number) => {
            if (n !== crashAt) return;
            crashed = true;
            if (how === "abort") controller.abort();
            throw new Error("process died");
          };
          const crashing = memoryDestination(service, afterApply ? { afterApply: crash } : { beforeApply: crash }, {
            maxBatchSize: batchSize,
            maxConcurrency: concurrency,
          });
          let error: unknown;
          try {
            await activate(personPlan(), {
              destination: crashing,
              snapshot,
              audiences: buyers(audience),
              now: NOW,
              state,
              sleep: noWait,
              signal: controller.signal,
            });
          } catch (e) {
            error = e;
          }
          if (!crashed) expect(error).toBeUndefined();
          else {
            expect(error).toBeInstanceOf(ActivationError);
            expect((error as ActivationError).code).toBe(how === "abort" ? "ACTIVATION_ABORTED" : "ADAPTER_FAILED");
            expect((error as ActivationError).report?.status).toBe("aborted");
          }
          // resume with a healthy adapter and the same state
          const resumed = await activate(personPlan(), {
            destination: memoryDestination(service, {}, { maxBatchSize: batchSize, maxConcurrency: concurrency }),
            snapshot,
            audiences: buyers(audience),
            now: NOW,
            state,
            sleep: noWait,
          });
          expect(resumed.failureCount).toBe(0);
          expect(service.membersOf("ext-buyers")).toEqual(valid(audience));
          const adds = service.addsSent.slice(sentBefore);
          const counts = new Map<string, number>();
          for (const id of adds) counts.set(id, (counts.get(id) ?? 0) + 1);
          const resent = [...counts.values()].filter((c) => c > 1).length;
          expect(resent).toBeLessThanOrEqual(batchSize * concurrency);
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe("consent, governance, exclusions, dry run", () => {
  it("drops people without consent, excluded members and governance-blocked fields", async () => {
    const service = new MemoryService();
    const destination = memoryDestination(service);
    const report = await activate(
      personPlan({
        consent: { channel: "email" },
        exclusions: { audienceIds: ["customers"], memberIds: ["p0003"] },
        mapping: {
          person: [
            { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
            { source: "person.email", target: "email" },
            { source: "person.title", target: "title" },
          ],
        },
        governance: {
          policies: [
            { id: "no-pii-ads", name: "No PII for ads", deny: { labels: ["I1"], actions: ["crossSiteTargeting"] }, enforcement: "warn" },
            { id: "no-raw-email", name: "No raw email", deny: { labels: ["I1"], actions: ["crossSiteTargeting"] } },
          ],
        },
      }),
      {
        destination,
        snapshot,
        audiences: [...buyers(ids("p", 0, 20)), { audienceId: "customers", type: "person", memberIds: ["p0000", "p0001"] }],
        now: NOW,
        state: new MemoryStateStore(),
        sleep: noWait,
      },
    );
    // email is I1: both mappings that read it are blocked, and email_sha256 is required → the run is blocked, nothing sent
    expect(report.status).toBe("blocked");
    expect(report.governance.droppedTargets).toEqual(["person.email_sha256", "person.email"]);
    expect(service.batches).toHaveLength(0);
  });

  it("sends without a blocked optional field and counts every skip by reason", async () => {
    const service = new MemoryService();
    const destination = memoryDestination(service);
    const report = await activate(
      personPlan({
        consent: { channel: "email" },
        exclusions: { audienceIds: ["customers"], memberIds: ["p0003"] },
        mapping: {
          person: [
            { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
            { source: "person.phone", target: "email" },
            { source: "person.title", target: "title" },
          ],
        },
        governance: { policies: [{ id: "no-phone", name: "No phone", deny: { labels: ["I1"], actions: ["crossSiteTargeting"] } }] },
      }),
      {
        destination,
        snapshot,
        audiences: [...buyers([...ids("p", 0, 20), "p0005", "ghost"]), { audienceId: "customers", type: "person", memberIds: ["p0000", "p0001"] }],
        now: NOW,
        state: new MemoryStateStore(),
        sleep: noWait,
      },
    );
    // person.email is I1 too, so this policy blocks it as well: the run is refused
    expect(report.status).toBe("blocked");

    const allowed = await activate(
      personPlan({
        consent: { channel: "email" },
        exclusions: { audienceIds: ["customers"], memberIds: ["p0003"] },
        governance: { policies: [{ id: "no-location", name: "No location", deny: { labels: ["S2"], actions: ["crossSiteTargeting"] } }] },
        mapping: {
          person: [
            { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
            { source: "person.city", target: "email" },
            { source: "person.title", target: "title" },
          ],
        },
      }),
      {
        destination,
        snapshot,
        audiences: [...buyers([...ids("p", 0, 20), "p0005", "ghost"]), { audienceId: "customers", type: "person", memberIds: ["p0000", "p0001"] }],
        now: NOW,
        state: new MemoryStateStore(),
        sleep: noWait,
      },
    );
    expect(allowed.status).toBe("completed");
    expect(allowed.governance.droppedTargets).toEqual(["person.email"]);
    expect(allowed.governance.violations.map((v) => v.path)).toEqual(["mapping.person[1].source"]);
    expect(allowed.audiences[0]!.members).toBe(21); // duplicates removed
    expect(allowed.audiences[0]!.skipped).toEqual({ excluded: 3, noConsent: 2, missingRequiredField: 1, notInSnapshot: 1 });
    expect(allowed.audiences[0]!.exported).toBe(21 - 7);
    expect(service.batches.every((b) => b.members.every((m) => !("email" in m.fields)))).toBe(true);
  });

  it("dry run returns what would be sent and sends nothing", async () => {
    const service = new MemoryService();
    const state = new MemoryStateStore();
    const report = await activate(personPlan(), {
      destination: memoryDestination(service),
      snapshot,
      audiences: buyers(ids("p", 0, 5)),
      now: NOW,
      state,
      dryRun: true,
    });
    expect(report.audiences[0]!.preview!.adds).toEqual(
      ids("p", 0, 5).map((id, n) => ({
        memberId: id,
        fields: {
          email_sha256: hashEmail(`person.${n}@companya000${Math.floor(n / 3)}.com`),
          title: ["Chief Marketing Officer", "CIO", "VP Marketing", "Director of IT"][n % 4],
        },
      })),
    );
    expect(service.batches).toHaveLength(0);
    expect(state.keys()).toEqual([]);
  });
});

describe("typed errors and secrets", () => {
  it("rejects an invalid plan with every problem and its path", async () => {
    const error = await activate(
      {
        id: "x",
        destination: { id: "other", settings: { apiKey: API_KEY } },
        audiences: [{ audienceId: "buyers" }, { audienceId: "missing" }],
        mapping: { person: [{ source: "person.email", target: "nope" }] },
      },
      { destination: memoryDestination(new MemoryService()), snapshot, audiences: buyers(["p0001"]), now: NOW, state: new MemoryStateStore() },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbmKitError);
    expect((error as AbmKitError).code).toBe("VALIDATION_FAILED");
    expect((error as AbmKitError).problems.map((p) => p.path.join("."))).toEqual([
      "destination.id",
      "audiences.1.audienceId",
      "mapping.person.0.target",
      "mapping.person",
    ]);
  });

  it("refuses more mapped fields than the destination takes", async () => {
    const destination = { ...memoryDestination(new MemoryService()), limits: { maxBatchSize: 10, maxMappedAttributes: 1 } };
    const error = await activate(personPlan(), { destination, snapshot, audiences: buyers(["p0001"]), now: NOW, state: new MemoryStateStore() }).catch(
      (e: unknown) => e,
    );
    expect((error as AbmKitError).problems).toEqual([
      { path: ["mapping", "person"], message: "the mapping sends 2 attributes; destination memory takes at most 1" },
    ]);
  });

  it("keeps the secret out of reports, events and errors, even when an adapter echoes it", async () => {
    const output: string[] = [];
    const events = createActivationEvents();
    for (const name of ["run:start", "audience:delta", "batch:sent", "batch:retry", "checkpoint", "run:end"] as const)
      events.on(name, (e: unknown) => output.push(JSON.stringify(e)));
    const service = new MemoryService();
    let calls = 0;
    const leaky = memoryDestination(service, {
      beforeApply: (batch) => {
        calls++;
        if (batch.members[0]?.memberId === "p0000" && calls === 1) {
          throw new RetryableError("HTTP_503", `upstream said: bad key ${API_KEY}`);
        }
        if (batch.members.some((m) => m.memberId === "p0020")) throw new Error(`crashed while using ${API_KEY}`);
      },
    });
    const error = await activate(personPlan(), {
      destination: leaky,
      snapshot,
      audiences: buyers(ids("p", 0, 30)),
      now: NOW,
      state: new MemoryStateStore(),
      events,
      sleep: noWait,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActivationError);
    output.push(JSON.stringify(error), (error as Error).message, JSON.stringify((error as ActivationError).report));
    expect(output.some((o) => o.includes("[redacted]"))).toBe(true);
    expect(output.join("\n")).not.toContain(API_KEY);

    const badSettings = await activate(personPlan({ destination: { id: "memory", settings: { apiKey: 12345678 } } }), {
      destination: leaky,
      snapshot,
      audiences: buyers(["p0001"]),
      now: NOW,
      state: new MemoryStateStore(),
    }).catch((e: unknown) => e);
    expect((badSettings as AbmKitError).code).toBe("VALIDATION_FAILED");
    expect(JSON.stringify({ m: (badSettings as Error).message, p: (badSettings as AbmKitError).problems })).not.toContain("12345678");
  });
});
