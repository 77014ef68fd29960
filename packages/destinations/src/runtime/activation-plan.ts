import type { DeepReadonly } from "@abm-kit/core";
import { ConsentRuleSchema, GovernancePolicySchema } from "@abm-kit/guardrails";
import { z } from "zod";
import { ExportModeSchema } from "../definition/destination-definition.js";
import { FieldMappingSchema } from "../mapping/field-mapping.js";
import { ScheduleSchema } from "../schedule/schedule.js";
import { AccountPeopleOptionSchema } from "./account-people-option.js";

/**
 * A dataflow: which audiences go to which destination (with its settings),
 * how fields map, who is excluded, consent, governance policies, export mode
 * and schedule. Plain data (JSON), validated with zod.
 */
export const ActivationPlanSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().optional(),
  destination: z.object({ id: z.string().min(1), settings: z.unknown() }),
  audiences: z
    .array(
      z.object({
        audienceId: z.string().min(1),
        /** An account audience sent as its accounts' people (see {@link AccountPeopleOptionSchema}); the destination receives a person audience. */
        people: AccountPeopleOptionSchema.optional(),
        /**
         * Where the audience's members and fields are read: `snapshot` (the default: its membership given to
         * `activate` in `audiences`, fields from `snapshot`) or `sql` (the member source for it given in
         * `memberSources`, such as `sqlMemberSource`: a compiled audience query streamed from a database).
         */
        source: z.enum(["snapshot", "sql"]).optional(),
      }),
    )
    .min(1),
  /** Field mappings per audience type. */
  mapping: z.object({ account: z.array(FieldMappingSchema).optional(), person: z.array(FieldMappingSchema).optional() }),
  /** Members of these audiences, and these member ids, are never sent. */
  exclusions: z
    .object({ audienceIds: z.array(z.string()).default([]), memberIds: z.array(z.string()).default([]) })
    .default({ audienceIds: [], memberIds: [] }),
  mode: ExportModeSchema.default("incremental"),
  schedule: ScheduleSchema.optional(),
  /** Person audiences (and account audiences sent as their people): only people allowed on this channel are sent. */
  consent: ConsentRuleSchema.optional(),
  governance: z.object({ policies: z.array(GovernancePolicySchema).default([]) }).default({ policies: [] }),
});
/**
 * An activation plan as written: the schema's input type, with readonly arrays
 * allowed, so a literal annotated with it, checked with `satisfies` or made
 * `as const` fits. {@link definePlan} types a literal without either.
 */
export interface ActivationPlanInput extends DeepReadonly<z.input<typeof ActivationPlanSchema>> {}
/** An activation plan after defaults. */
export type ActivationPlan = z.output<typeof ActivationPlanSchema>;
