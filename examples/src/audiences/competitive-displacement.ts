import type { Audience } from "@abm-kit/audience";

/** Marketing-automation vendors whose users are displacement targets. */
export const COMPETITOR_VENDORS = ["HubSpot", "Oracle", "Salesforce"];

/**
 * Competitive displacement: accounts that are not customers and, per the
 * partner technographics file, run a competitor's marketing automation.
 */
export const competitiveDisplacement: Audience = {
  id: "competitive-displacement",
  name: "Prospects running a competitor's marketing automation",
  version: 1,
  type: "account",
  description: "Non-customers whose technographics show a competing marketing automation product.",
  condition: {
    kind: "and",
    conditions: [
      { kind: "not", condition: { kind: "attribute", field: "type", op: "eq", value: "Customer" } },
      {
        kind: "related",
        relation: "related:technographics",
        quantifier: "some",
        where: {
          kind: "and",
          conditions: [
            { kind: "attribute", field: "category", op: "eq", value: "Marketing Automation", caseInsensitive: true },
            { kind: "attribute", field: "vendor", op: "in", values: COMPETITOR_VENDORS, caseInsensitive: true },
          ],
        },
      },
    ],
  },
};
