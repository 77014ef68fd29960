import type { GovernancePolicy } from "./policy.js";

const ADVERTISING = ["onsiteAdvertising", "crossSiteTargeting"];
const EVERY_ACTIVATION = ["exportToThirdParty", "onsiteAdvertising", "crossSiteTargeting", "emailTargeting"];

/**
 * Ready-made policies for the built-in contract and sensitive labels of
 * `@abm-kit/core`, each enforced with `block`. They are opt-in: pass them (or
 * your own) to {@link checkGovernance}. Identity labels (`I1`, `I2`) are not
 * denied by default — sending a hashed email to an ad platform is the point of
 * many activations — combine them with your own policies where needed.
 */
export const CORE_GOVERNANCE_POLICIES: readonly GovernancePolicy[] = [
  { id: "core.c1", name: "No export to a third party (C1)", deny: { labels: ["C1"], actions: ["exportToThirdParty"] } },
  {
    id: "core.c2",
    name: "No export to a third party for advertising (C2)",
    deny: { labels: ["C2"], actions: ["crossSiteTargeting"] },
  },
  {
    id: "core.c3",
    name: "Not to be combined with directly identifiable data (C3)",
    deny: { labels: ["C3"], actions: ["combineWithPii"] },
  },
  { id: "core.c4", name: "No onsite or cross-site advertising (C4)", deny: { labels: ["C4"], actions: ADVERTISING } },
  {
    id: "core.c5",
    name: "No interest-based cross-site advertising (C5)",
    deny: { labels: ["C5"], actions: ["crossSiteTargeting"] },
  },
  { id: "core.c6", name: "No onsite advertising (C6)", deny: { labels: ["C6"], actions: ["onsiteAdvertising"] } },
  { id: "core.c8", name: "No measurement (C8)", deny: { labels: ["C8"], actions: ["analytics"] } },
  { id: "core.c12", name: "No export of any kind (C12)", deny: { labels: ["C12"], actions: EVERY_ACTIVATION } },
  {
    id: "core.s3",
    name: "No activation of special-category data (S3)",
    deny: { labels: ["S3"], actions: EVERY_ACTIVATION },
  },
];
