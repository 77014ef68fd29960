import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError, problemsFromZod, type ProblemPath } from "@abm-kit/core";
import { z } from "zod";
import { checkConditionDepth } from "../definition/condition-depth.js";
import { checkMemberLists, type MemberList } from "./composed-result.js";
import { MemberValueSchema } from "./member-value.schema.js";

const Identity = { id: z.string().min(1), name: z.string().optional(), version: z.number().int().positive().optional(), now: z.string().optional() };
const IdentitySchema = z.looseObject(Identity);

/** The options of the functions that build one composed result (union, intersect, exclude). */
export const ResultIdentitySchema = IdentitySchema;
/** The options of `rank`. */
export const RankOptionsSchema = z.looseObject({ ...Identity, by: MemberValueSchema, order: z.enum(["desc", "asc"]).optional(), limit: z.number() });
/** The options of `splitByPercentage` (the shares are checked by `percentageBranchProblems`). */
export const PercentageSplitOptionsSchema = z.looseObject({
  salt: z.string(),
  branches: z.array(z.looseObject({ id: z.string().min(1), name: z.string().optional(), percent: z.number() })),
  now: z.string().optional(),
});
/** The options of `splitByAttribute`. */
export const AttributeSplitOptionsSchema = z.looseObject({
  field: z.string().min(1),
  branches: z.array(z.looseObject({ id: z.string().min(1), name: z.string().optional(), values: z.array(z.union([z.string(), z.number(), z.boolean()])) })),
  otherwise: z.looseObject({ id: z.string().min(1), name: z.string().optional() }).optional(),
  now: z.string().optional(),
});
/** The options of `priorityList` and `enrich`. */
export const NowOptionSchema = z.looseObject({ now: z.string().optional() });
/** The tiers of `priorityList` (each tier's list is checked as a member list). */
export const PriorityTiersSchema = z.array(z.looseObject({ id: z.string().min(1), name: z.string().optional(), list: z.looseObject({}) }));

/**
 * Checks the options of a composition function (typed for TypeScript callers,
 * but they may come from JSON): a typed `INVALID_OPTIONS` error naming every
 * problem, never a TypeError later. Conditions inside (a member value's
 * `where`) are checked for depth first.
 */
export function checkOptions(schema: z.ZodType, value: unknown, what: string, path: ProblemPath = []): void {
  const deep = wheresOf(value, path).flatMap(([at, where]) => checkConditionDepth(where, at).problems);
  if (deep.length > 0) throw new AbmKitError<AudienceErrorCode>("INVALID_OPTIONS", `${what}: conditions nest too deep`, deep);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AbmKitError<AudienceErrorCode>("INVALID_OPTIONS", `${what}: invalid options`, problemsFromZod(parsed.error, path));
}

/** Checks that `input` is a member list (a typed error naming `root` otherwise). */
export function checkMemberList(input: unknown, what: string, root: string): void {
  checkMemberLists([input as MemberList], what, root);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** The `where` conditions of member values directly in an options value (`by`, or each attribute's `value`). */
function wheresOf(value: unknown, path: ProblemPath): Array<readonly [ProblemPath, unknown]> {
  const out: Array<readonly [ProblemPath, unknown]> = [];
  const add = (spec: unknown, at: ProblemPath) => {
    if (isRecord(spec) && "where" in spec) out.push([[...at, "where"], spec.where]);
  };
  if (Array.isArray(value)) value.forEach((a, i) => isRecord(a) && add(a.value, [...path, i, "value"]));
  else if (isRecord(value)) add(value.by, [...path, "by"]);
  return out;
}
