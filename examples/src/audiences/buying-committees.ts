import { and, attr, audience, opportunityRoles, relation, type Audience } from "@abm-kit/audience";

/** The amount from which an open deal is big. */
export const BIG_DEAL_AMOUNT = 100_000;

/**
 * Person audience: the buying committees (contact roles) of open deals worth
 * 100,000 or more. A deal whose closed flag is missing is not known to be open.
 */
export const buyingCommittees: Audience = audience
  .person("buying-committees-big-open-deals", "Buying committees of big open deals")
  .where(opportunityRoles().some(relation("opportunity").some(and(attr.boolean("isClosed").isFalse(), attr.number("amount").gte(BIG_DEAL_AMOUNT)))));
