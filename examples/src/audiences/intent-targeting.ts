import { and, attr, audience, events, or, related, type Audience } from "@abm-kit/audience";

/**
 * Intent-based targeting: accounts with a strong intent signal (score 70+)
 * observed in the last 30 days, or an intent surge event in the last 14 days.
 */
export const intentTargeting: Audience = audience
  .account("intent-in-market", "In-market by intent", {
    description: "Intent score of 70 or more in the last 30 days, or an intent surge in the last 14 days.",
  })
  .where(
    or(
      related("intent").some(and(attr.number("score").gte(70), attr.time("observedAt").inLast(30, "days"))),
      events("Intent Surge", { owner: "account" }).inLast(14, "days").exists(),
    ),
  );
