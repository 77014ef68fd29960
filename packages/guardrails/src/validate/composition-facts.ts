import { z } from "zod";

/** The kinds of composition blocks abm-kit offers. */
export const CompositionBlockKindSchema = z.enum(["audience", "exclude", "union", "intersect", "enrich", "rank", "split", "priorityList"]);
/** A kind of composition block. */
export type CompositionBlockKind = z.infer<typeof CompositionBlockKindSchema>;

/**
 * A composition described as data, for the limit rules: its entity type and
 * its blocks in the order they apply (e.g. audience → exclude → rank).
 */
export const CompositionFactsSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  type: z.enum(["account", "person"]),
  blocks: z
    .array(
      z.object({
        kind: CompositionBlockKindSchema,
        /** The audiences the block reads, when it reads any. */
        audienceIds: z.array(z.string().min(1)).optional(),
      }),
    )
    .min(1, "a composition has at least one block"),
});
/** A composition described as data (see {@link CompositionFactsSchema}). */
export type CompositionFacts = z.infer<typeof CompositionFactsSchema>;
