import type { Snapshot } from "@abm-kit/core";

/** How an account audience turned into people (in the audience's run report as `accountPeople`). */
export interface AccountPeopleCounts {
  /** Distinct account ids given that are in the Snapshot and not excluded. */
  readonly accounts: number;
  /** Account ids given that an exclusion removed (their people are not sent through them). */
  readonly excludedAccounts: number;
  /** Account ids given that are not in the Snapshot. */
  readonly accountsNotInSnapshot: number;
  /** Distinct people linked (actively) to those accounts. */
  readonly linkedPeople: number;
  /** Linked people the narrowing (`where`, `personAudienceId`) left out. */
  readonly notMatching: number;
}

/** The people of an account audience. */
export interface AccountPeople {
  /** Person ids, ascending, each once. */
  readonly personIds: string[];
  /** Person row → the account row they are sent through: the first (lowest id) of their qualifying accounts. */
  readonly accountRowOf: ReadonlyMap<number, number>;
  readonly counts: AccountPeopleCounts;
}

/**
 * The people of the given accounts: every person with an active link to one
 * of them (the Snapshot's `accountPeople`), each once, minus those not in
 * `narrowTo` (person rows) when it is given. Accounts in `excludedAccountIds`
 * and accounts not in the Snapshot contribute nobody. Pure.
 */
export function accountPeople(
  snapshot: Snapshot,
  accountIds: readonly string[],
  options: { readonly excludedAccountIds?: ReadonlySet<string>; readonly narrowTo?: ReadonlySet<number> } = {},
): AccountPeople {
  const excluded = options.excludedAccountIds ?? new Set<string>();
  const accountRows: number[] = [];
  let excludedAccounts = 0;
  let accountsNotInSnapshot = 0;
  for (const id of new Set(accountIds)) {
    if (excluded.has(id)) excludedAccounts++;
    else {
      const row = snapshot.accounts.indexOf(id);
      if (row < 0) accountsNotInSnapshot++;
      else accountRows.push(row);
    }
  }
  accountRows.sort((a, b) => a - b); // rows follow id order: the first account seen is the lowest id
  const linked = new Map<number, number>();
  for (const accountRow of accountRows) {
    for (const personRow of snapshot.peopleOf(accountRow)) if (!linked.has(personRow)) linked.set(personRow, accountRow);
  }
  const rows = [...linked.keys()].filter((r) => options.narrowTo === undefined || options.narrowTo.has(r)).sort((a, b) => a - b);
  const accountRowOf = new Map<number, number>();
  for (const r of rows) accountRowOf.set(r, linked.get(r)!);
  return {
    personIds: rows.map((r) => snapshot.persons.id(r)),
    accountRowOf,
    counts: { accounts: accountRows.length, excludedAccounts, accountsNotInSnapshot, linkedPeople: linked.size, notMatching: linked.size - rows.length },
  };
}
