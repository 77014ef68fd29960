import { z } from "zod";

/**
 * How a rule compares: `max` — the actual value may not exceed the limit;
 * `min` — it may not fall below it; `forbid` — the feature may not be used at all.
 */
export type RuleKind = "max" | "min" | "forbid";

/** A rule a limit profile can set: its id, how it compares, and what it checks. */
export interface RuleDescription {
  readonly id: RuleId;
  readonly kind: RuleKind;
  readonly title: string;
}

/** Every rule a limit profile can configure. */
export const RULE_IDS = [
  "sandbox.accountAudiences",
  "sandbox.audienceDefinitions",
  "accountAudience.streaming",
  "accountAudience.personEventLookbackDays",
  "accountAudience.eventOrdering",
  "accountAudience.nestedContainers",
  "accountAudience.rulesPerContainer",
  "accountAudience.entitySwitches",
  "accountAudience.relationshipLevels",
  "accountAudience.valuesPerField",
  "personAudience.multiEntityStreaming",
  "composition.blocks",
  "composition.accountAudiences",
  "composition.shape",
  "composition.streaming",
  "plan.dataflowsPerDestination",
  "plan.rowsPerExportFile",
] as const;

/** The id of a configurable rule. */
export const RuleIdSchema = z.enum(RULE_IDS);
/** The id of a configurable rule (see {@link RULE_IDS}). */
export type RuleId = z.infer<typeof RuleIdSchema>;

/** What each configurable rule checks. */
export const RULE_CATALOG: Readonly<Record<RuleId, RuleDescription>> = {
  "sandbox.accountAudiences": { id: "sandbox.accountAudiences", kind: "max", title: "account audiences per sandbox" },
  "sandbox.audienceDefinitions": {
    id: "sandbox.audienceDefinitions",
    kind: "max",
    title: "audience definitions per sandbox",
  },
  "accountAudience.streaming": {
    id: "accountAudience.streaming",
    kind: "forbid",
    title: "streaming evaluation of an account audience",
  },
  "accountAudience.personEventLookbackDays": {
    id: "accountAudience.personEventLookbackDays",
    kind: "max",
    title: "days of person-event lookback in an account audience",
  },
  "accountAudience.eventOrdering": {
    id: "accountAudience.eventOrdering",
    kind: "forbid",
    title: "ordering of event predicates in an account audience",
  },
  "accountAudience.nestedContainers": {
    id: "accountAudience.nestedContainers",
    kind: "max",
    title: "nested containers in an account audience",
  },
  "accountAudience.rulesPerContainer": {
    id: "accountAudience.rulesPerContainer",
    kind: "max",
    title: "rules per container in an account audience",
  },
  "accountAudience.entitySwitches": {
    id: "accountAudience.entitySwitches",
    kind: "max",
    title: "entity switches in an account audience",
  },
  "accountAudience.relationshipLevels": {
    id: "accountAudience.relationshipLevels",
    kind: "max",
    title: "relationship levels in an account audience",
  },
  "accountAudience.valuesPerField": {
    id: "accountAudience.valuesPerField",
    kind: "max",
    title: "values compared against one field in an account audience",
  },
  "personAudience.multiEntityStreaming": {
    id: "personAudience.multiEntityStreaming",
    kind: "forbid",
    title: "streaming evaluation of a person audience with a condition on another entity (accounts, opportunities, …)",
  },
  "composition.blocks": { id: "composition.blocks", kind: "max", title: "blocks in one composition" },
  "composition.accountAudiences": {
    id: "composition.accountAudiences",
    kind: "forbid",
    title: "composition of account audiences",
  },
  "composition.shape": {
    id: "composition.shape",
    kind: "forbid",
    title: "a composition other than audience → exclude? → enrich? → rank or split?",
  },
  "composition.streaming": {
    id: "composition.streaming",
    kind: "forbid",
    title: "streaming evaluation of a composition",
  },
  "plan.dataflowsPerDestination": {
    id: "plan.dataflowsPerDestination",
    kind: "max",
    title: "dataflows per destination",
  },
  "plan.rowsPerExportFile": { id: "plan.rowsPerExportFile", kind: "max", title: "profiles per exported file" },
};
