import type { Snapshot } from "@abm-kit/core";
import type { ConformanceHarness, FaultSchedule } from "@abm-kit/destinations/testing";
import { salesforceDestination, type SalesforceSettings } from "@abm-kit/destination-salesforce";
import { startFakeSalesforce } from "@abm-kit/destination-salesforce/testing";
import { idsOf, MAPPING, memberIdsByRecord, orgRecords } from "./fixture.js";

/** Which path and auth flow a harness exercises. */
export interface HarnessVariant {
  readonly path: "collections" | "bulk";
  readonly flow: "clientCredentials" | "jwtBearer" | "refreshToken";
}

/**
 * The fake Salesforce behind the fault harness, as the conformance suite wants
 * it: person audiences as Campaign members, account audiences in the names
 * field. `bulk` sends every batch through a Bulk API 2.0 job (threshold 0).
 */
export function salesforceHarness(
  audienceType: "account" | "person",
  snapshot: Snapshot,
  size: number,
  variant: HarnessVariant,
): ConformanceHarness<SalesforceSettings> {
  const byRecord = memberIdsByRecord(snapshot);
  return {
    destination: salesforceDestination,
    audienceType,
    mapping: MAPPING[audienceType],
    fixture: { snapshot, memberIds: idsOf(snapshot, audienceType) },
    async start(schedule: FaultSchedule) {
      // the conformance suite runs at 2026-06-01T08:00Z: the JWT assertions' expiry is checked against that moment
      const sf = await startFakeSalesforce({ ...orgRecords(size), faults: schedule, bulkPolls: 2, now: "2026-06-01T08:00:00.000Z" });
      const base = sf.settings(variant.flow);
      const settings = { ...base, bulkThreshold: variant.path === "bulk" ? 0 : 2000, timeoutMs: 150 };
      const auth = base.auth as Record<string, string>;
      return {
        settings,
        settingSecrets: [auth.clientSecret, auth.refreshToken, auth.privateKey].filter((s): s is string => s !== undefined),
        async members(audienceId: string) {
          const sorted = (ids: string[]) => ids.map((id) => byRecord.get(id) ?? `unknown ${id}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          if (audienceType === "account") return sorted(sf.fake.withMembership("Account", "ABM_Audiences__c", "Conformance audience"));
          const campaigns = sf.fake.campaigns().filter((c) => c.name === `Conformance audience [${audienceId}]`);
          if (campaigns.length > 1) throw new Error(`${campaigns.length} campaigns are named for ${audienceId}`);
          return campaigns.length === 0 ? [] : sorted(sf.fake.campaignMembers(campaigns[0]!.id));
        },
        secrets: () => [...sf.fake.issuedAccessTokens],
        close: () => sf.close(),
      };
    },
  };
}
