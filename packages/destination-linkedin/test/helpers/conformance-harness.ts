import type { Snapshot } from "@abm-kit/core";
import type { ConformanceHarness, FaultSchedule } from "@abm-kit/destinations/testing";
import { linkedInDestination, segmentNameOf, type LinkedInSettings } from "@abm-kit/destination-linkedin";
import { startFakeLinkedIn } from "@abm-kit/destination-linkedin/testing";
import { FAKE_NOW, idsOf, MAPPING, memberIdsByKey } from "./fixture.js";

/** The fake LinkedIn behind the fault harness, as the conformance suite wants it. */
export function linkedInHarness(audienceType: "account" | "person", snapshot: Snapshot): ConformanceHarness<LinkedInSettings> {
  const byKey = memberIdsByKey(snapshot);
  return {
    destination: linkedInDestination,
    audienceType,
    mapping: MAPPING[audienceType],
    fixture: { snapshot, memberIds: idsOf(snapshot, audienceType) },
    async start(schedule: FaultSchedule) {
      const linkedin = await startFakeLinkedIn({ now: FAKE_NOW, faults: schedule, propagationDelayMs: 0 });
      const settings = { ...linkedin.settings(), segmentReadyDelayMs: 0, timeoutMs: 150 };
      return {
        settings,
        async members(audienceId: string) {
          const name = segmentNameOf("{audienceName} [{audienceId}]", { audienceId, audienceName: "Conformance audience" });
          const segments = linkedin.fake.segments().filter((s) => s.name === name);
          if (segments.length > 1) throw new Error(`${segments.length} segments are named ${name}`);
          if (segments.length === 0) return [];
          return linkedin.fake
            .members(segments[0]!.id)
            .map((m) => byKey.get(m.key) ?? `unknown ${m.key}`)
            .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        },
        redundantAdds: () => linkedin.fake.redundantAdds,
        secrets: () => [...linkedin.fake.issuedAccessTokens],
        close: () => linkedin.close(),
      };
    },
  };
}
