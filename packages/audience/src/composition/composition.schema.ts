import type { DeepReadonly } from "@abm-kit/core";
import { z } from "zod";
import { AudienceSchema } from "../definition/audience.js";
import { MemberValueSchema } from "./member-value.schema.js";
import { percentageBranchProblems } from "./split-by-percentage.js";

const IdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, "an id is 1-128 letters, digits, _ . : -, starting with a letter or digit");

/** A reference to an audience, a composition or a composition's branch, by id. */
export const AudienceRefNodeSchema = z.strictObject({
  kind: z.literal("audience"),
  audienceId: z.string().min(1),
});

/** An audience definition written in place. */
export const InlineAudienceNodeSchema = z.strictObject({
  kind: z.literal("definition"),
  audience: AudienceSchema,
});

/** Members of any input. */
export const UnionNodeSchema = z.strictObject({
  kind: z.literal("union"),
  get inputs() {
    return z.array(CompositionNodeSchema).min(1);
  },
});

/** Members of every input. */
export const IntersectNodeSchema = z.strictObject({
  kind: z.literal("intersect"),
  get inputs() {
    return z.array(CompositionNodeSchema).min(1);
  },
});

/** Suppression: members of `from` in none of `exclude`. */
export const ExcludeNodeSchema = z.strictObject({
  kind: z.literal("exclude"),
  get from() {
    return CompositionNodeSchema;
  },
  get exclude() {
    return z.array(CompositionNodeSchema);
  },
});

/**
 * The top `limit` members of `input` by a numeric value (instants and dates as
 * time); `order` defaults to `desc`. Ties go to the smaller id; members whose
 * value is missing come last.
 */
export const RankNodeSchema = z.strictObject({
  kind: z.literal("rank"),
  get input() {
    return CompositionNodeSchema;
  },
  by: MemberValueSchema,
  order: z.enum(["desc", "asc"]).optional(),
  limit: z.number().int().positive(),
});

/** A node of a composition tree, discriminated on `kind`. */
export const CompositionNodeSchema: z.ZodType<CompositionNode> = z.lazy(() =>
  z.discriminatedUnion("kind", [AudienceRefNodeSchema, InlineAudienceNodeSchema, UnionNodeSchema, IntersectNodeSchema, ExcludeNodeSchema, RankNodeSchema]),
);

/** A node of a composition tree. */
export type CompositionNode =
  | z.infer<typeof AudienceRefNodeSchema>
  | z.infer<typeof InlineAudienceNodeSchema>
  | { kind: "union"; inputs: CompositionNode[] }
  | { kind: "intersect"; inputs: CompositionNode[] }
  | { kind: "exclude"; from: CompositionNode; exclude: CompositionNode[] }
  | { kind: "rank"; input: CompositionNode; by: z.infer<typeof MemberValueSchema>; order?: "desc" | "asc" | undefined; limit: number };

const BranchIdentity = { id: IdSchema, name: z.string().min(1).optional() };

/** Splits the members by a salted hash of their ids into branches whose shares (percent) sum to 100. */
export const PercentageSplitSchema = z
  .strictObject({
    by: z.literal("percentage"),
    salt: z.string(),
    branches: z.array(z.strictObject({ ...BranchIdentity, percent: z.number() })).min(1),
  })
  .superRefine((split, ctx) => {
    for (const problem of percentageBranchProblems(split.branches)) ctx.addIssue({ code: "custom", path: [...problem.path], message: problem.message });
  });

/** Splits the members by the value of a field: each goes to the first branch listing one of its values. */
export const AttributeSplitSchema = z.strictObject({
  by: z.literal("attribute"),
  field: z.string().min(1),
  branches: z.array(z.strictObject({ ...BranchIdentity, values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) })).min(1),
  otherwise: z.strictObject(BranchIdentity).optional(),
});

/** A priority list: each member goes to the first tier whose node holds it; the rest to `otherwise` if given. */
export const PrioritySplitSchema = z.strictObject({
  by: z.literal("priority"),
  tiers: z
    .array(
      z.strictObject({
        ...BranchIdentity,
        get members() {
          return CompositionNodeSchema;
        },
      }),
    )
    .min(1),
  otherwise: z.strictObject(BranchIdentity).optional(),
});

/** How a composition divides its members into branches (one result each). */
export const CompositionSplitSchema = z.union([PercentageSplitSchema, AttributeSplitSchema, PrioritySplitSchema]);
/** How a composition divides its members into branches. */
export type CompositionSplit = z.infer<typeof CompositionSplitSchema>;

/** One attribute enrich attaches to each member: the output key and the value to read or compute. */
export const EnrichAttributeSchema = z.strictObject({
  name: z.string().min(1),
  value: MemberValueSchema,
});
/** One attribute enrich attaches. */
export type EnrichAttribute = z.infer<typeof EnrichAttributeSchema>;

/**
 * A composition: a tree of audience references and operations (union,
 * intersect, exclude, rank), optionally split into branches (percentage,
 * attribute or priority list) and enriched with attributes for export. Without
 * a split it yields one result whose id is the composition's; with one, one
 * result per branch (ids are the branches'). Other compositions can reference
 * either by id.
 */
export const CompositionSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1),
  version: z.number().int().positive(),
  type: z.enum(["account", "person"]),
  description: z.string().optional(),
  members: CompositionNodeSchema,
  split: CompositionSplitSchema.optional(),
  enrich: z.array(EnrichAttributeSchema).optional(),
});
/** A composition definition. */
export type Composition = z.infer<typeof CompositionSchema>;
/** What the composition functions accept: a {@link Composition}, with readonly arrays allowed (so an `as const` literal fits). */
export interface CompositionInput extends DeepReadonly<Composition> {}

/** The JSON Schema (draft 2020-12) of a composition, for UIs that build them. */
export function compositionJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(CompositionSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
