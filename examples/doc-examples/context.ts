/**
 * What the examples in the docs take as given: a Snapshot, audience
 * definitions, a plan, a database client… declared once here, with the
 * types of the real API, so a block can stay short and still be checked.
 * A block that declares one of these names itself shadows it.
 */
import type { Client } from "pg";
import type { IdentityGraph, Snapshot, SnapshotBuilder } from "@abm-kit/core";
import type { Audience, evaluateComposition } from "@abm-kit/audience";
import type { activate, ActivateOptions, AudienceMembership, DestinationDefinition } from "@abm-kit/destinations";
import type { loadExports } from "@abm-kit/sources";

type Composition = Parameters<typeof evaluateComposition>[0];

declare global {
  const now: string;
  const snapshot: Snapshot;
  const record: Parameters<SnapshotBuilder["addAccount"]>[0];
  const batch: Parameters<IdentityGraph["add"]>[0];
  const nextBatch: Parameters<IdentityGraph["add"]>[0];
  const files: Parameters<typeof loadExports>[0];
  const audience: Audience;
  const otherAudience: Audience;
  const icp: AudienceMembership;
  const tier1: AudienceMembership;
  const committee: AudienceMembership;
  const engagedLow: Audience;
  const engagedMedium: Audience;
  const engagedHigh: Audience;
  const audiences: ActivateOptions<unknown>["audiences"];
  const engagementTiers: Composition;
  const suppression: Composition;
  const plan: Parameters<typeof activate>[0];
  const options: ActivateOptions<unknown>;
  const state: NonNullable<ActivateOptions<unknown>["state"]>;
  const client: Client;
  const segmentId: string;
  /** docs/adapter-guide.md: the adapter and the fake service the reader writes. */
  const myDestination: DestinationDefinition;
  class MyFakeService {
    handle: Parameters<typeof import("@abm-kit/destinations/testing").startFaultServer>[0];
    membersOf(audienceId: string): Promise<string[]>;
    redundantAdds: number;
    issuedTokens: string[];
  }
}

export {};
