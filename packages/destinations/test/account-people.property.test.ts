import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  activate,
  localFolderDestination,
  MemoryStateStore,
  type AccountPeopleOptionInput,
  type ActivationPlanInput,
  type AudienceMembership,
} from "@abm-kit/destinations";
import { exportedSet, runAt, worldSnapshot, type World } from "./fixtures/account-people-world.js";
import { API_KEY, MemoryService, memoryDestination } from "./fixtures/memory-destination.js";

const ACCOUNTS = ["a0", "a1", "a2", "a3", "a4", "a5"];
const PERSONS = Array.from({ length: 14 }, (_, i) => `p${String(i).padStart(2, "0")}`);
const TITLES = ["CMO", "CIO", "Engineer"];
const CONSENT = ["granted", "denied", "unknown"] as const;

const worldArb: fc.Arbitrary<World> = fc.record({
  accounts: fc.constant(ACCOUNTS),
  persons: fc.tuple(...PERSONS.map((id) => fc.record({ id: fc.constant(id), title: fc.constantFrom(...TITLES), consent: fc.constantFrom(...CONSENT) }))),
  links: fc.uniqueArray(fc.record({ accountId: fc.constantFrom(...ACCOUNTS), personId: fc.constantFrom(...PERSONS), active: fc.boolean() }), {
    selector: (l) => `${l.accountId}|${l.personId}`,
    maxLength: 30,
  }),
});

/** One run: the Snapshot's world, the qualifying accounts, and who the narrowing keeps. */
const stepArb = fc.record({
  world: worldArb,
  accounts: fc.subarray(ACCOUNTS),
  titles: fc.option(fc.subarray(TITLES, { minLength: 1 }), { nil: undefined }),
  champions: fc.option(fc.subarray(PERSONS), { nil: undefined }),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

/** Who should be at the destination, worked out directly from the world (not with the runtime's code). */
function expectedPeople(step: Step): string[] {
  const out = new Set<string>();
  for (const link of step.world.links) {
    if (link.active === false || !step.accounts.includes(link.accountId)) continue;
    const person = step.world.persons.find((p) => p.id === link.personId)!;
    if (person.consent !== "granted") continue;
    if (step.titles !== undefined && !step.titles.includes(person.title)) continue;
    if (step.champions !== undefined && !step.champions.includes(person.id)) continue;
    out.add(person.id);
  }
  return [...out].sort();
}

function option(step: Step): AccountPeopleOptionInput {
  return {
    ...(step.titles !== undefined ? { where: { kind: "attribute", field: "title", op: "in", values: step.titles } } : {}),
    ...(step.champions !== undefined ? { personAudienceId: "champions" } : {}),
  };
}

function memberships(step: Step): AudienceMembership[] {
  return [
    { audienceId: "icp", type: "account", memberIds: step.accounts },
    { audienceId: "champions", type: "person", memberIds: step.champions ?? [] },
  ];
}

describe("account people (property)", () => {
  it("after every run the exported set equals the set computed from the Snapshot, for files and streaming, full and incremental", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 3 }), async (steps) => {
        const dir = await mkdtemp(join(tmpdir(), "abm-acct-people-prop-"));
        const stores = {
          full: new MemoryStateStore(),
          incremental: new MemoryStateStore(),
          streamFull: new MemoryStateStore(),
          streamIncremental: new MemoryStateStore(),
        };
        const services = { full: new MemoryService(), incremental: new MemoryService() };
        for (const [n, step] of steps.entries()) {
          const snapshot = worldSnapshot(step.world, runAt(n));
          const audiences = memberships(step);
          const expected = expectedPeople(step);
          const base = { audiences: [{ audienceId: "icp", people: option(step) }], consent: { channel: "email", allowUnknown: false } };
          for (const mode of ["full", "incremental"] as const) {
            const filePlan: ActivationPlanInput = {
              id: `files-${mode}`,
              destination: { id: "local-folder", settings: { path: join(dir, mode), format: "jsonl" } },
              mapping: {
                person: [
                  { source: "person.email", target: "email" },
                  { source: "account.name", target: "account" },
                ],
              },
              mode,
              ...base,
            };
            await activate(filePlan, {
              destination: localFolderDestination,
              snapshot,
              audiences,
              now: runAt(n),
              state: mode === "full" ? stores.full : stores.incremental,
            });
            expect(await exportedSet(join(dir, mode))).toEqual(expected);

            const streamPlan: ActivationPlanInput = {
              id: `stream-${mode}`,
              destination: { id: "memory", settings: { apiKey: API_KEY } },
              mapping: {
                person: [
                  { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
                  { source: "person.title", target: "title" },
                ],
              },
              mode,
              ...base,
            };
            const service = services[mode];
            await activate(streamPlan, {
              destination: memoryDestination(service),
              snapshot,
              audiences,
              now: runAt(n),
              state: mode === "full" ? stores.streamFull : stores.streamIncremental,
              sleep: async () => {},
            });
            expect(service.membersOf("ext-icp")).toEqual(expected);
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
