import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError, type Adjacency, type ProblemPath, type Snapshot, type Table } from "@abm-kit/core";
import type { AudienceType as MemberType } from "../definition/audience.js";

/** The rows a relation leads to from a member: the target table and the member → rows adjacency. */
export interface MemberRelation {
  readonly table: Table<string>;
  readonly rows: Adjacency;
}

/**
 * Resolves a relation name from an account (`people`, `links`,
 * `opportunities`, `related:<table>`) or a person (`accounts`, `links`,
 * `opportunityRoles`, `campaignMembers`, `related:<table>`). Unknown relations
 * and related tables keyed to the other kind raise `UNKNOWN_RELATION`.
 */
export function memberRelation(snapshot: Snapshot, type: MemberType, relation: string, path: ProblemPath): MemberRelation {
  const fail = (message: string): never => {
    throw new AbmKitError<AudienceErrorCode>("UNKNOWN_RELATION", message, [{ path: [...path], message }]);
  };
  if (relation.startsWith("related:")) {
    const name = relation.slice("related:".length);
    const related = snapshot.related.get(name);
    if (related === undefined) return fail(`the snapshot has no related table ${name}`);
    if (related.ownerKind !== type) return fail(`related table ${name} belongs to ${related.ownerKind}s, not ${type}s`);
    return { table: related.table, rows: related.byOwner };
  }
  const relations: Record<string, MemberRelation> =
    type === "account"
      ? {
          people: { table: snapshot.persons, rows: snapshot.accountPeople },
          links: { table: snapshot.links, rows: snapshot.accountLinks },
          opportunities: { table: snapshot.opportunities, rows: snapshot.accountOpportunities },
        }
      : {
          accounts: { table: snapshot.accounts, rows: snapshot.personAccounts },
          links: { table: snapshot.links, rows: snapshot.personLinks },
          opportunityRoles: { table: snapshot.opportunityRoles, rows: snapshot.opportunityRolesByPerson },
          campaignMembers: { table: snapshot.campaignMembers, rows: snapshot.campaignMembersByPerson },
        };
  return relations[relation] ?? fail(`${type}s have no relation ${relation}`);
}

/**
 * The primary account of a person row: the account of its active primary link,
 * else its first active account (by id), else -1.
 */
export function primaryAccountOf(snapshot: Snapshot, person: number): number {
  const isPrimary = snapshot.links.column("isPrimary");
  const isActive = snapshot.links.column("isActive");
  const accountOfLink = snapshot.links.ref("account");
  let best = -1;
  for (const link of snapshot.personLinks.of(person)) {
    if (isActive?.value(link) === false) continue;
    const account = accountOfLink[link]!;
    if (account < 0) continue;
    if (isPrimary?.value(link) === true && (best < 0 || account < best)) best = account;
  }
  if (best >= 0) return best;
  return snapshot.accountsOf(person)[0] ?? -1;
}
