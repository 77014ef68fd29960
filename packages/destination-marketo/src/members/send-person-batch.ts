import type { AdapterContext, DestinationMember, MemberBatch, MemberResult } from "@abm-kit/destinations";
import { leadEmailOf } from "../leads/email.js";
import { lookupLeads } from "../leads/lookup-leads.js";
import { upsertLeads } from "../leads/upsert-leads.js";
import { changeListMembers } from "../lists/static-list-members.js";
import type { MarketoSettings } from "../settings.js";
import { failure } from "./member-result.js";

type Ctx = Pick<AdapterContext<MarketoSettings>, "settings" | "request" | "signal">;

/**
 * Adds people to or removes them from a static list. People are matched to
 * leads by email (`lookupLeads`); an email Marketo holds more than once is
 * reported (`MARKETO_1007`), not guessed. With `createLeads`, people without
 * a lead are created or updated first (`upsertLeads`, one sync at a time);
 * without it they fail with `MARKETO_LEAD_NOT_FOUND`. Lead ids then go to the
 * list in calls of at most 300; each id's outcome is its people's result. A
 * remove takes every lead of the email out of the list, and a person with no
 * lead is already out of it.
 */
export async function sendPersonBatch(ctx: Ctx, batch: MemberBatch): Promise<MemberResult[]> {
  const results = new Map<string, MemberResult>();
  const byEmail = new Map<string, DestinationMember[]>();
  for (const member of batch.members) {
    const email = leadEmailOf(member.fields.email);
    if (email === undefined)
      results.set(
        member.memberId,
        failure(member.memberId, false, "MARKETO_INVALID_EMAIL", "no email Marketo can match a lead on (ASCII, one @, a dotted domain)"),
      );
    else byEmail.set(email, [...(byEmail.get(email) ?? []), member]);
  }
  const settle = (email: string, result: (memberId: string) => MemberResult) => {
    for (const m of byEmail.get(email) ?? []) results.set(m.memberId, result(m.memberId));
  };
  const leads = byEmail.size > 0 ? await lookupLeads(ctx, [...byEmail.keys()]) : new Map<string, number[]>();
  const idsOf = new Map<string, number[]>();
  const missing: string[] = [];
  for (const email of byEmail.keys()) {
    const ids = leads.get(email) ?? [];
    if (ids.length === 0) {
      if (batch.action === "remove") settle(email, (id) => ({ memberId: id, ok: true }));
      else missing.push(email);
    } else if (ids.length > 1 && batch.action === "add") {
      settle(email, (id) =>
        failure(
          id,
          false,
          "MARKETO_1007",
          `Marketo holds ${ids.length} leads with this email (ids ${ids.join(", ")}); merge them in Marketo, the adapter does not pick one`,
        ),
      );
    } else idsOf.set(email, ids);
  }
  if (missing.length > 0 && !ctx.settings.createLeads) {
    for (const email of missing)
      settle(email, (id) => failure(id, false, "MARKETO_LEAD_NOT_FOUND", "Marketo has no lead with this email (set createLeads to create one)"));
  } else if (missing.length > 0) {
    const outcomes = await upsertLeads(
      ctx,
      missing.map((email) => ({ email, attributes: byEmail.get(email)![0]!.fields })),
    );
    for (const email of missing) {
      const outcome = outcomes.get(email);
      if (outcome?.ok) idsOf.set(email, [outcome.id]);
      else
        settle(email, (id) =>
          failure(id, outcome?.retryable ?? true, outcome?.code ?? "NO_RESULT", outcome?.message ?? "Marketo returned no result for this lead"),
        );
    }
  }
  const allIds = [...new Set([...idsOf.values()].flat())];
  const outcomes = allIds.length > 0 ? await changeListMembers(ctx, batch.externalId, batch.action, allIds) : new Map();
  for (const [email, ids] of idsOf) {
    const bad = ids.map((id) => outcomes.get(id)).find((o) => o === undefined || !o.ok);
    settle(email, (id) =>
      bad === undefined
        ? { memberId: id, ok: true }
        : failure(id, false, bad.ok === false ? bad.code : "NO_RESULT", bad.ok === false ? bad.message : "no result"),
    );
  }
  return batch.members.map((m) => results.get(m.memberId) ?? failure(m.memberId, true, "NO_RESULT", "not sent"));
}
