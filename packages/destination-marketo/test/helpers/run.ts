import type { Snapshot } from "@abm-kit/core";
import { activate, MemoryStateStore, type DestinationDefinition, type FieldMappingInput, type RunReport, type StateStore } from "@abm-kit/destinations";
import { marketoDestination, type MarketoSettings } from "@abm-kit/destination-marketo";
import { MAPPING, RUN_NOW } from "./fixture.js";

/** One audience of a run. */
export interface RunAudience {
  readonly audienceId: string;
  readonly type: "account" | "person";
  readonly memberIds: readonly string[];
  readonly audienceName?: string;
}

/** A virtual clock: sleeping moves it, so waits (backoff, rate windows) cost no real time. */
export interface VirtualClock {
  now(): number;
  advance(ms: number): void;
}

export function virtualClock(): VirtualClock {
  let t = 1_000;
  return { now: () => t, advance: (ms) => void (t += Math.max(0, ms)) };
}

/** Runs an activation of `audiences` to Marketo with virtual waits. */
export function runMarketo(input: {
  settings: unknown;
  snapshot: Snapshot;
  audiences: readonly RunAudience[];
  state?: StateStore;
  mode?: "full" | "incremental";
  now?: string;
  clock?: VirtualClock;
  mapping?: Partial<Record<"account" | "person", FieldMappingInput[]>>;
  definition?: DestinationDefinition<MarketoSettings>;
  signal?: AbortSignal;
  dryRun?: boolean;
}): Promise<RunReport> {
  const clock = input.clock ?? virtualClock();
  const types = new Set(input.audiences.map((a) => a.type));
  const mapping = { ...MAPPING, ...input.mapping };
  return activate(
    {
      id: "marketo-test",
      destination: { id: "marketo", settings: input.settings },
      audiences: input.audiences.map((a) => ({ audienceId: a.audienceId })),
      mapping: { ...(types.has("account") ? { account: mapping.account } : {}), ...(types.has("person") ? { person: mapping.person } : {}) },
      mode: input.mode ?? "incremental",
    },
    {
      destination: input.definition ?? marketoDestination,
      snapshot: input.snapshot,
      audiences: input.audiences.map((a) => ({ audienceId: a.audienceId, audienceName: a.audienceName ?? a.audienceId, type: a.type, memberIds: a.memberIds })),
      now: input.now ?? RUN_NOW,
      state: input.state ?? new MemoryStateStore(),
      clock: clock.now,
      sleep: async (ms) => clock.advance(ms),
      random: () => 0.5,
      ...(input.signal ? { signal: input.signal } : {}),
      ...(input.dryRun ? { dryRun: true } : {}),
    },
  );
}
