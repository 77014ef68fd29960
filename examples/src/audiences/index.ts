import type { Audience, Composition } from "@abm-kit/audience";
import { buyingCommittees } from "./buying-committees.js";
import { buyingGroupGaps } from "./buying-group-gaps.js";
import { competitiveDisplacement } from "./competitive-displacement.js";
import { crossSell } from "./cross-sell.js";
import { engagedPeopleHigh, engagedPeopleLow, engagedPeopleMedium, engagementTiers } from "./engagement-tiers.js";
import { icpMinusSuppression, idealCustomerProfile } from "./icp.js";
import { intentTargeting } from "./intent-targeting.js";
import { marketingLeaders } from "./marketing-leaders.js";
import { customers, lateStageOpportunities, recentWins, suppression } from "./suppression.js";

export * from "./buying-committees.js";
export * from "./buying-group-gaps.js";
export * from "./competitive-displacement.js";
export * from "./cross-sell.js";
export * from "./engagement-tiers.js";
export * from "./icp.js";
export * from "./intent-targeting.js";
export * from "./marketing-leaders.js";
export * from "./suppression.js";

/** Every seed audience definition, in the order the demo shows them. */
export const seedAudiences: readonly Audience[] = [
  buyingGroupGaps,
  crossSell,
  competitiveDisplacement,
  engagedPeopleHigh,
  engagedPeopleMedium,
  engagedPeopleLow,
  intentTargeting,
  customers,
  lateStageOpportunities,
  recentWins,
  idealCustomerProfile,
  marketingLeaders,
  buyingCommittees,
];

/** Every seed composition (they reference the seed audiences and each other by id). */
export const seedCompositions: readonly Composition[] = [engagementTiers, suppression, icpMinusSuppression];
