import { InstantSchema } from "@abm-kit/core";
import { z } from "zod";

/** A member as remembered between runs: its id and when it first qualified (ISO instant). */
export const RememberedMemberSchema = z.object({
  id: z.string().min(1),
  since: InstantSchema,
});
export type RememberedMember = z.infer<typeof RememberedMemberSchema>;

/**
 * What a membership diff keeps for the next run: the audience, when it was last
 * evaluated, and each current member with the time it first qualified. Plain
 * JSON, so it can be written to a file or a state store as is.
 */
export const MembershipStateSchema = z
  .object({
    audienceId: z.string().min(1),
    type: z.enum(["account", "person"]),
    evaluatedAt: InstantSchema,
    members: z.array(RememberedMemberSchema),
  })
  .superRefine((state, ctx) => {
    const seen = new Set<string>();
    const evaluatedAt = Date.parse(state.evaluatedAt);
    state.members.forEach((member, i) => {
      if (seen.has(member.id)) ctx.addIssue({ code: "custom", path: ["members", i, "id"], message: `member ${member.id} is listed twice` });
      seen.add(member.id);
      if (Date.parse(member.since) > evaluatedAt) {
        ctx.addIssue({ code: "custom", path: ["members", i, "since"], message: "a member cannot qualify after the state was evaluated" });
      }
    });
  });
export type MembershipState = z.infer<typeof MembershipStateSchema>;

/** The JSON Schema (draft 2020-12) of a membership state. */
export function membershipStateJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(MembershipStateSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
