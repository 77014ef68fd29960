import type { AdapterContext, DestinationMember, MemberBatch, MemberResult } from "@abm-kit/destinations";
import { changeAccountListMembers } from "../accounts/named-account-list.js";
import { syncNamedAccounts } from "../accounts/named-accounts.js";
import type { MarketoSettings } from "../settings.js";
import { failure } from "./member-result.js";

type Ctx = Pick<AdapterContext<MarketoSettings>, "settings" | "request" | "signal">;

/**
 * Adds accounts to or removes them from a named account list. Adds upsert
 * the named accounts by name first (`createOrUpdate`, which gives their
 * `marketoGUID`); removes look the GUIDs up without creating anything
 * (`updateOnly`; an account Marketo does not hold is already out of the
 * list). Then the GUIDs go to the list in calls of at most 300.
 */
export async function sendAccountBatch(ctx: Ctx, batch: MemberBatch): Promise<MemberResult[]> {
  const results = new Map<string, MemberResult>();
  const byName = new Map<string, DestinationMember[]>();
  for (const member of batch.members) {
    const name = typeof member.fields.name === "string" ? member.fields.name.trim() : "";
    if (name === "") results.set(member.memberId, failure(member.memberId, false, "MARKETO_NO_ACCOUNT_NAME", "a named account needs a name"));
    else byName.set(name, [...(byName.get(name) ?? []), member]);
  }
  const settle = (name: string, result: (memberId: string) => MemberResult) => {
    for (const m of byName.get(name) ?? []) results.set(m.memberId, result(m.memberId));
  };
  const synced =
    byName.size > 0
      ? await syncNamedAccounts(
          ctx,
          batch.action === "add" ? "createOrUpdate" : "updateOnly",
          [...byName].map(([name, members]) => ({ name, fields: members[0]!.fields })),
        )
      : new Map();
  const guidOf = new Map<string, string>();
  for (const name of byName.keys()) {
    const outcome = synced.get(name);
    if (outcome?.ok) guidOf.set(name, outcome.guid);
    else if (batch.action === "remove" && outcome?.code === "MARKETO_1013") settle(name, (id) => ({ memberId: id, ok: true }));
    else
      settle(name, (id) => failure(id, outcome === undefined, outcome?.code ?? "NO_RESULT", outcome?.message ?? "Marketo returned no result for this account"));
  }
  const guids = [...new Set(guidOf.values())];
  const outcomes = guids.length > 0 ? await changeAccountListMembers(ctx, batch.externalId, batch.action, guids) : new Map();
  for (const [name, guid] of guidOf) {
    const o = outcomes.get(guid);
    settle(name, (id) => (o?.ok ? { memberId: id, ok: true } : failure(id, false, o?.code ?? "NO_RESULT", o?.message ?? "no result")));
  }
  return batch.members.map((m) => results.get(m.memberId) ?? failure(m.memberId, true, "NO_RESULT", "not sent"));
}
