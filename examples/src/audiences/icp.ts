import { attr, audience, type Audience, type Composition } from "@abm-kit/audience";
import { ENGAGEMENT_EVENT_TYPES } from "./engagement-tiers.js";
import { suppression } from "./suppression.js";

/** The ideal customer profile: software, financial-services or healthcare companies with 500+ employees. */
export const idealCustomerProfile: Audience = audience
  .account("icp", "Ideal customer profile", { description: "Software, Financial Services or Healthcare, 500 employees or more." })
  .where(attr.text("industry").in(["Software", "Financial Services", "Healthcare"]), attr.number("employeeCount").gte(500));

/** ICP minus suppression: the accounts to target now. */
export const icpMinusSuppression: Composition = {
  id: "icp-target",
  name: "ICP minus suppression",
  version: 1,
  type: "account",
  members: {
    kind: "exclude",
    from: { kind: "audience", audienceId: idealCustomerProfile.id },
    exclude: [{ kind: "audience", audienceId: suppression.id }],
  },
  enrich: [
    { name: "company", value: { kind: "field", field: "name" } },
    { name: "domain", value: { kind: "field", field: "domain" } },
    {
      name: "engagedPeople30d",
      value: { kind: "events", types: ENGAGEMENT_EVENT_TYPES, window: { last: { amount: 30, unit: "days" } }, countDistinct: "people" },
    },
  ],
};
