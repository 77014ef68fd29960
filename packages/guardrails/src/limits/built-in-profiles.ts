import type { LimitProfile } from "./limit-profile.js";
import { RULE_IDS } from "./rule-catalog.js";

/**
 * The `blueprint` profile: the limits of the CDP platform abm-kit's design
 * follows, so audiences and plans ported from it (or to it) fit. Where abm-kit
 * itself can do more — streaming account audiences and person audiences with
 * conditions on other entities, person-event lookbacks over 30 days, ordered
 * event predicates, compositions of account audiences or of other shapes — the
 * rule is a warning, not an error. Compositions are batch-only in abm-kit too.
 */
export const BLUEPRINT_PROFILE: LimitProfile = {
  id: "blueprint",
  name: "Blueprint platform limits",
  description:
    "Account audiences batch-only with a 30-day person-event lookback and no ordering (warnings); person audiences with conditions on other entities batch-only (warning); compositions batch-only; 50 account audiences and 4,000 audience definitions per sandbox; account audiences with at most 5 nested containers, 5 rules per container, 5 entity switches, 3 relationship levels and 50 values per field; 10 composition blocks; 100 dataflows per destination; 5,000,000 profiles per exported file; LinkedIn audiences of at least 300 matched members; at most 50 mapped attributes for Marketo.",
  rules: {
    "sandbox.accountAudiences": { severity: "error", limit: 50 },
    "sandbox.audienceDefinitions": { severity: "error", limit: 4000 },
    "accountAudience.streaming": { severity: "warning" },
    "accountAudience.personEventLookbackDays": { severity: "warning", limit: 30 },
    "accountAudience.eventOrdering": { severity: "warning" },
    "accountAudience.nestedContainers": { severity: "error", limit: 5 },
    "accountAudience.rulesPerContainer": { severity: "error", limit: 5 },
    "accountAudience.entitySwitches": { severity: "error", limit: 5 },
    "accountAudience.relationshipLevels": { severity: "error", limit: 3 },
    "accountAudience.valuesPerField": { severity: "error", limit: 50 },
    "personAudience.multiEntityStreaming": { severity: "warning" },
    "composition.blocks": { severity: "error", limit: 10 },
    "composition.accountAudiences": { severity: "warning" },
    "composition.shape": { severity: "warning" },
    "composition.streaming": { severity: "error" },
    "plan.dataflowsPerDestination": { severity: "error", limit: 100 },
    "plan.rowsPerExportFile": { severity: "error", limit: 5_000_000 },
  },
  destinations: {
    // Matched Audiences need 300 *matched* members before a campaign can use them
    linkedin: { minAudienceSize: 300, minAudienceSizeCounts: "matched" },
    marketo: { maxMappedAttributes: 50 },
  },
};

/**
 * The `relaxed` profile: no platform rules at all; only the hard limits each
 * destination declares are checked.
 */
export const RELAXED_PROFILE: LimitProfile = {
  id: "relaxed",
  name: "Destination limits only",
  description: "Checks only the hard limits each destination declares.",
  rules: Object.fromEntries(RULE_IDS.map((id) => [id, { severity: "off" }])) as LimitProfile["rules"],
  destinations: {},
};
