import type { DeepReadonly } from "@abm-kit/core";
import { z } from "zod";
import { ConditionSchema } from "./condition.js";

/** What an audience lists: accounts (companies) or persons. */
export const AudienceTypeSchema = z.enum(["account", "person"]);
/** What an audience lists. */
export type AudienceType = z.infer<typeof AudienceTypeSchema>;

/** An audience definition: a JSON-serializable value with a condition tree over a Snapshot. */
export const AudienceSchema = z.strictObject({
  /** A stable id (letters, digits, `_`, `-`, `.`, `:`). */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, "an audience id is 1-128 letters, digits, _ . : -, starting with a letter or digit"),
  name: z.string().min(1),
  /** The definition's version; bump it when the condition changes. */
  version: z.number().int().positive(),
  type: AudienceTypeSchema,
  description: z.string().optional(),
  condition: ConditionSchema,
});
/** An audience definition. */
export type Audience = z.infer<typeof AudienceSchema>;
/**
 * What the functions that take a definition accept: an {@link Audience}, with
 * readonly arrays allowed (so an `as const` literal fits). A misspelt kind,
 * operator or field of the definition fails to compile; a definition from
 * untyped data goes through `validateAudience(value: unknown)` first.
 */
export interface AudienceInput extends DeepReadonly<Audience> {}
