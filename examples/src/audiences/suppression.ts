import { and, attr, audience, not, opportunities, type Audience, type Composition } from "@abm-kit/audience";

/** Opportunity stages that count as late. */
export const LATE_STAGES = ["Proposal/Price Quote", "Negotiation/Review"];

/** Current customers (account type). */
export const customers: Audience = {
  id: "customers",
  name: "Customers",
  version: 1,
  type: "account",
  condition: { kind: "attribute", field: "type", op: "eq", value: "Customer" },
};

/** Accounts with an opportunity in a late stage that is not closed (a missing closed flag counts as open). */
export const lateStageOpportunities: Audience = audience
  .account("late-stage-opportunities", "Accounts with a late-stage opportunity")
  .where(opportunities().some(and(attr.text("stage").in(LATE_STAGES), not(attr.boolean("isClosed").isTrue()))));

/** Accounts that won a deal closing in the last 90 days. */
export const recentWins: Audience = audience
  .account("recent-wins", "Accounts with a win in the last 90 days")
  .where(opportunities().some(and(attr.boolean("isWon").isTrue(), attr.time("closeDate").inLast(90, "days"))));

/** Suppression: customers, accounts in late-stage deals and recent wins. */
export const suppression: Composition = {
  id: "suppression",
  name: "Suppression: customers, late-stage opportunities, recent wins",
  version: 1,
  type: "account",
  members: {
    kind: "union",
    inputs: [customers, lateStageOpportunities, recentWins].map((a) => ({ kind: "audience" as const, audienceId: a.id })),
  },
};
