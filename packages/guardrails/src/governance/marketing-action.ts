import { z } from "zod";

/**
 * A marketing action: what a destination does with the data it receives
 * (`exportToThirdParty`, `emailTargeting`, …). Destinations declare theirs;
 * custom actions are any identifier-like name.
 */
export const MarketingActionSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, "a marketing action is a name of letters, digits, _ . - (1-64 chars), starting with a letter");
/** A marketing action name (built-in or custom). */
export type MarketingAction = string;

/** A marketing action with a human-readable title. */
export interface MarketingActionDescription {
  readonly action: MarketingAction;
  readonly builtIn: boolean;
  readonly title: string;
}

const BUILT_IN_DESCRIPTIONS: readonly MarketingActionDescription[] = [
  { action: "exportToThirdParty", builtIn: true, title: "Export data to a third party" },
  { action: "onsiteAdvertising", builtIn: true, title: "Advertise on the organization's own sites and apps" },
  { action: "crossSiteTargeting", builtIn: true, title: "Target people across sites (ad networks, social platforms)" },
  { action: "emailTargeting", builtIn: true, title: "Target people by email" },
  { action: "analytics", builtIn: true, title: "Measure and analyse" },
  { action: "combineWithPii", builtIn: true, title: "Combine with directly identifiable data" },
];

/** The built-in marketing actions. */
export const BUILT_IN_MARKETING_ACTIONS: readonly MarketingAction[] = BUILT_IN_DESCRIPTIONS.map((d) => d.action);

const byAction = new Map(BUILT_IN_DESCRIPTIONS.map((d) => [d.action, d]));

/** Describes a marketing action: the built-in description, or a custom one for any other name. */
export function describeMarketingAction(action: MarketingAction): MarketingActionDescription {
  return byAction.get(action) ?? { action, builtIn: false, title: "Custom marketing action" };
}
