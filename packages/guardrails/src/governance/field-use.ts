import { DataUsageLabelSchema } from "@abm-kit/core";
import { z } from "zod";

/**
 * A field a plan uses, with its data-usage labels: a destination mapping's
 * source (`role: "mapping"`, path like `mapping[2].source`) or an attribute an
 * audience reads (`role: "audience"`, path like `person.email`).
 */
export const GovernanceFieldUseSchema = z.object({
  path: z.string().min(1),
  labels: z.array(DataUsageLabelSchema).readonly(),
  role: z.enum(["mapping", "audience"]),
});
/** A labelled field a plan uses (see {@link GovernanceFieldUseSchema}). */
export interface GovernanceFieldUse {
  readonly path: string;
  readonly labels: readonly string[];
  readonly role: "mapping" | "audience";
}
