import type { AccountInput, AccountPersonRelationInput, ActivityEventInput, OpportunityInput, PersonInput, RelatedRowInput } from "@abm-kit/core";
import { z } from "zod";

/**
 * A change fed to a streaming evaluator, discriminated on `kind`:
 * - `event`: a new activity event (person- or account-owned; `record` is an `ActivityEvent`);
 * - `account`, `person`, `opportunity`: a new record or the new version of one (upsert, the whole record);
 * - `link`: a new account–person link or the new version of one (`AccountPersonRelation`);
 * - `unlink`: removes the link between `accountId` and `personId`;
 * - `relatedRow`: a new row of a declared related table (`RelatedRow`).
 */
export const StreamChangeSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("event"), record: z.unknown() }),
  z.strictObject({ kind: z.literal("account"), record: z.unknown() }),
  z.strictObject({ kind: z.literal("person"), record: z.unknown() }),
  z.strictObject({ kind: z.literal("opportunity"), record: z.unknown() }),
  z.strictObject({ kind: z.literal("link"), record: z.unknown() }),
  z.strictObject({ kind: z.literal("unlink"), accountId: z.string().min(1), personId: z.string().min(1) }),
  z.strictObject({ kind: z.literal("relatedRow"), table: z.string().min(1), record: z.unknown() }),
]);
/** A change fed to a streaming evaluator. */
export type StreamChange = z.infer<typeof StreamChangeSchema>;

/**
 * A change as {@link StreamingEvaluator.apply} takes it: each record typed by
 * its schema's input type, so a typo fails to compile. Records are still
 * validated at run time (a change from untyped data is checked the same way).
 */
export type StreamChangeInput =
  | { readonly kind: "event"; readonly record: ActivityEventInput }
  | { readonly kind: "account"; readonly record: AccountInput }
  | { readonly kind: "person"; readonly record: PersonInput }
  | { readonly kind: "opportunity"; readonly record: OpportunityInput }
  | { readonly kind: "link"; readonly record: AccountPersonRelationInput }
  | { readonly kind: "unlink"; readonly accountId: string; readonly personId: string }
  | { readonly kind: "relatedRow"; readonly table: string; readonly record: RelatedRowInput };
