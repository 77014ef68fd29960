import { AbmKitError, formatPath, ValidationError, type Problem, type Snapshot } from "@abm-kit/core";
import { evaluate } from "@abm-kit/audience";
import type { AudienceMembership } from "../definition/membership.js";
import { accountPeople, type AccountPeopleCounts } from "./account-people.js";
import { ACCOUNT_PEOPLE_CONDITION_ID, type AccountPeopleOption } from "./account-people-option.js";
import type { ActivationPlan } from "./activation-plan.js";

/** An account audience of a plan turned into the person membership that is sent. */
export interface AccountPeopleMembership extends AudienceMembership {
  readonly type: "person";
  /** Person row → the account row whose fields `account.*` mappings read. */
  readonly accountRowOf: ReadonlyMap<number, number>;
  readonly counts: AccountPeopleCounts;
  /** Problems that did not stop the run (unknown fields in `where`, read as missing). */
  readonly warnings: readonly string[];
}

/** Whether a membership is an account audience turned into its people. */
export function isAccountPeopleMembership(membership: AudienceMembership): membership is AccountPeopleMembership {
  return (membership as Partial<AccountPeopleMembership>).accountRowOf instanceof Map;
}

/**
 * The person membership of every plan audience sent with `people`: the
 * people of its accounts (minus accounts excluded by id or by an account
 * exclusion audience), narrowed by `where` (evaluated at `now` on `snapshot`,
 * `inAudience` resolving against `memberships`) and by `personAudienceId`.
 * A `where` that cannot be evaluated on this Snapshot raises a
 * `ValidationError` naming each problem under `audiences[i].people.where`.
 */
export function accountPeopleMemberships(
  plan: ActivationPlan,
  snapshot: Snapshot,
  memberships: readonly AudienceMembership[],
  now: string,
): Map<string, AccountPeopleMembership> {
  const out = new Map<string, AccountPeopleMembership>();
  const problems: Problem[] = [];
  const excludedAccountIds = new Set(plan.exclusions.memberIds);
  for (const id of plan.exclusions.audienceIds) {
    const m = memberships.find((a) => a.audienceId === id);
    if (m?.type === "account") for (const accountId of m.memberIds) excludedAccountIds.add(accountId);
  }
  plan.audiences.forEach((entry, i) => {
    if (entry.people === undefined) return;
    const membership = memberships.find((a) => a.audienceId === entry.audienceId);
    if (membership === undefined || membership.type !== "account") return; // the plan checks name these
    const narrowed = narrowingRows(entry.people, snapshot, memberships, now, ["audiences", i, "people"], problems);
    if (narrowed === "failed") return;
    const people = accountPeople(snapshot, membership.memberIds, { excludedAccountIds, ...(narrowed.rows !== undefined ? { narrowTo: narrowed.rows } : {}) });
    out.set(entry.audienceId, {
      audienceId: membership.audienceId,
      ...(membership.audienceName !== undefined ? { audienceName: membership.audienceName } : {}),
      type: "person",
      memberIds: people.personIds,
      accountRowOf: people.accountRowOf,
      counts: people.counts,
      warnings: narrowed.warnings,
    });
  });
  if (problems.length > 0) throw new ValidationError("activation plan", problems);
  return out;
}

/** The person rows the option lets through (undefined: everyone), or "failed" after recording why. */
function narrowingRows(
  option: AccountPeopleOption,
  snapshot: Snapshot,
  memberships: readonly AudienceMembership[],
  now: string,
  path: (string | number)[],
  problems: Problem[],
): { rows: Set<number> | undefined; warnings: string[] } | "failed" {
  let rows: Set<number> | undefined;
  const warnings: string[] = [];
  if (option.where !== undefined) {
    const references = memberships.filter((m) => m.audienceId !== ACCOUNT_PEOPLE_CONDITION_ID);
    try {
      const result = evaluate(
        { id: ACCOUNT_PEOPLE_CONDITION_ID, name: "people of the accounts", version: 1, type: "person", condition: option.where },
        snapshot,
        { now, audiences: references },
      );
      rows = new Set(result.memberRows);
      for (const w of result.warnings) warnings.push(`people.where: ${formatPath(underWhere(w.path))}: ${w.message}`);
    } catch (error) {
      if (!(error instanceof AbmKitError)) throw error;
      const list = error.problems.length > 0 ? error.problems : [{ path: [], message: error.message }];
      for (const p of list) problems.push({ path: [...path, "where", ...underWhere(p.path)], message: p.path.length === 0 ? error.message : p.message });
      return "failed";
    }
  }
  if (option.personAudienceId !== undefined) {
    const persons = memberships.find((m) => m.audienceId === option.personAudienceId);
    if (persons === undefined || persons.type !== "person") return "failed"; // the plan checks name this
    const allowed = new Set<number>();
    for (const id of persons.memberIds) {
      const row = snapshot.persons.indexOf(id);
      if (row >= 0 && (rows === undefined || rows.has(row))) allowed.add(row);
    }
    rows = allowed;
  }
  return { rows, warnings };
}

/** A problem path of the synthetic audience, relative to `where`. */
function underWhere(path: readonly (string | number)[]): (string | number)[] {
  return path[0] === "condition" ? path.slice(1) : [...path];
}
