import { z } from "zod";
import { IdentityKindSchema } from "./identity-kind.js";

/** The value types a mapped field can have at a destination. */
export const TargetTypeSchema = z.enum(["string", "number", "boolean", "strings"]);
/** A mapped field's value type. */
export type TargetType = z.infer<typeof TargetTypeSchema>;

/**
 * A field a destination accepts for each member (`email_sha256`, `companyName`,
 * `firstName`). `identity` says which identifier it carries; a member missing a
 * `required` target is skipped (reason `missingRequiredField`).
 */
export const MappingTargetSchema = z.object({
  name: z.string().min(1),
  type: TargetTypeSchema.default("string"),
  required: z.boolean().default(false),
  identity: IdentityKindSchema.optional(),
  /** Longer strings are cut to this many characters (LinkedIn: names 35, title 50). */
  maxLength: z.number().int().positive().optional(),
  description: z.string().optional(),
});
/** A mapping target as declared. */
export type MappingTargetInput = z.input<typeof MappingTargetSchema>;
/** A mapping target after defaults. */
export type MappingTarget = z.output<typeof MappingTargetSchema>;
