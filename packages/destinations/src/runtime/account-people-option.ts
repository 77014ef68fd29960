import { ValidationError } from "@abm-kit/core";
import { ConditionSchema, validateAudience } from "@abm-kit/audience";
import { checkConditionDepth } from "@abm-kit/audience/internal";
import { z } from "zod";

/** The id the narrowing condition is evaluated under (as a person audience of its own). */
export const ACCOUNT_PEOPLE_CONDITION_ID = "abm-kit.account-people.where";

/**
 * The plan option `audiences[i].people`: send an account audience to a
 * person-level destination as the people of its accounts (every person with
 * an active link to a qualifying account, each once). Optionally narrowed by
 * `where`, a person condition in the audience condition language (a title, a
 * link's role: `{ kind: "related", relation: "links", quantifier: "some", where: … }`,
 * an event, `inAudience` of any audience whose membership is given), and by
 * `personAudienceId`, a person audience whose membership is given to `activate`.
 * An empty object sends every person of the qualifying accounts.
 */
export const AccountPeopleOptionSchema = z
  .strictObject({
    /** A person condition; evaluated on the run's Snapshot at the run's `now`. Nested at most `MAX_CONDITION_DEPTH` levels. */
    where: z.preprocess((value, ctx) => {
      // nesting is checked without recursion before the schema recurses into it: a too-deep condition is a problem, not a stack overflow
      const depth = checkConditionDepth(value, []);
      for (const p of depth.problems) ctx.addIssue({ code: "custom", path: [...p.path], message: p.message, input: value });
      return depth.pruned;
    }, ConditionSchema.optional()),
    /** Only people who are also members of this person audience (its membership must be given). */
    personAudienceId: z.string().min(1).optional(),
  })
  .superRefine((option, ctx) => {
    if (option.where === undefined) return;
    try {
      validateAudience({ id: ACCOUNT_PEOPLE_CONDITION_ID, name: "people of the accounts", version: 1, type: "person", condition: option.where });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const p of error.problems) {
        const rest = p.path[0] === "condition" ? p.path.slice(1) : p.path;
        ctx.addIssue({ code: "custom", path: ["where", ...rest], message: p.message });
      }
    }
  });
/** The `people` option of a plan audience as written. */
export type AccountPeopleOptionInput = z.input<typeof AccountPeopleOptionSchema>;
/** The `people` option of a plan audience. */
export type AccountPeopleOption = z.output<typeof AccountPeopleOptionSchema>;
