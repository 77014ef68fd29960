import { audience, events, type Audience, type Composition } from "@abm-kit/audience";

/** Activity that counts as engagement (deliveries do not). */
export const ENGAGEMENT_EVENT_TYPES = ["Visit Webpage", "Fill Out Form", "Click Link", "Click Email", "Open Email"];

/** Accounts with at least `minimum` distinct people engaged in the last 30 days. */
export function engagedPeopleAudience(minimum: number): Audience {
  return audience
    .account(`engaged-people-${minimum}-plus`, `Accounts with ${minimum}+ engaged people in the last 30 days`)
    .where(events(ENGAGEMENT_EVENT_TYPES, { owner: "person" }).inLast(30, "days").distinctPeople().atLeast(minimum));
}

/** 4+ engaged people. */
export const engagedPeopleHigh = engagedPeopleAudience(4);
/** 2+ engaged people. */
export const engagedPeopleMedium = engagedPeopleAudience(2);
/** 1+ engaged person. */
export const engagedPeopleLow = engagedPeopleAudience(1);

/**
 * Engagement tiers as a priority list: every engaged account lands in exactly
 * one tier — high (4+ engaged people), else medium (2–3), else low (1).
 */
export const engagementTiers: Composition = {
  id: "engagement-tiers",
  name: "Engagement tiers",
  version: 1,
  type: "account",
  description: "Engaged accounts split into high, medium and low by engaged people in the last 30 days.",
  members: { kind: "audience", audienceId: engagedPeopleLow.id },
  split: {
    by: "priority",
    tiers: [
      { id: "engagement-high", name: "Engagement: high", members: { kind: "audience", audienceId: engagedPeopleHigh.id } },
      { id: "engagement-medium", name: "Engagement: medium", members: { kind: "audience", audienceId: engagedPeopleMedium.id } },
    ],
    otherwise: { id: "engagement-low", name: "Engagement: low" },
  },
};
