import type { FieldType, Snapshot } from "@abm-kit/core";
import type { TypedValue } from "../typed-value.js";
import { columnTypes, columnValue, type RowSource } from "./column-value.js";
import type { TypedRecord } from "./live-table.js";

const pairKey = (account: number, person: number) => `${account}:${person}`;

/** Told of every account whose people change (a keeper of per-account counts drops that account's). */
export interface LinkWatcher {
  peopleChanged(account: number): void;
}
const EMPTY: readonly number[] = [];

/**
 * Account–person links seeded from a Snapshot, changed by link upserts and
 * removals. Keeps, per account and per person, its links and (active links
 * only) its people / accounts; untouched owners read the Snapshot's adjacency.
 */
export class LinkTable implements RowSource {
  readonly label = "link";
  private readonly types: Map<string, FieldType>;
  private readonly accountRefs: number[];
  private readonly personRefs: number[];
  private readonly byPair = new Map<string, number>();
  private readonly replaced = new Map<number, TypedRecord>();
  private readonly removed = new Set<number>();
  private readonly linksByAccount = new Map<number, number[]>();
  private readonly linksByPerson = new Map<number, number[]>();
  private readonly peopleByAccount = new Map<number, number[]>();
  private readonly accountsByPerson = new Map<number, number[]>();
  /** The Snapshot's people of each account, as views made once on first read (accounts are few and read often). */
  private readonly seedPeople: (Int32Array | undefined)[];
  private readonly watchers: LinkWatcher[] = [];
  /** The person last asked for in {@link accountsOf}, and its accounts (a person's new event reads them more than once). */
  private lastPerson = -1;
  private lastAccounts: ArrayLike<number> = EMPTY;

  constructor(private readonly snapshot: Snapshot) {
    const links = snapshot.links;
    this.types = columnTypes(links);
    this.accountRefs = Array.from(links.ref("account"));
    this.personRefs = Array.from(links.ref("person"));
    for (let l = 0; l < links.size; l++) this.byPair.set(pairKey(this.accountRefs[l]!, this.personRefs[l]!), l);
    this.seedPeople = new Array<Int32Array | undefined>(snapshot.accounts.size).fill(undefined);
  }

  fieldType(field: string): FieldType | undefined {
    return this.types.get(field);
  }

  value(row: number, field: string): TypedValue {
    const record = this.replaced.get(row);
    if (record !== undefined) return record.get(field);
    const column = row < this.snapshot.links.size ? this.snapshot.links.column(field) : undefined;
    return column === undefined ? undefined : columnValue(column, row);
  }

  /** The account row of a link. */
  accountOf(link: number): number {
    return this.accountRefs[link]!;
  }

  /** The person row of a link. */
  personOf(link: number): number {
    return this.personRefs[link]!;
  }

  /** The link between an account and a person, or -1. */
  linkOf(account: number, person: number): number {
    const link = this.byPair.get(pairKey(account, person));
    return link === undefined || this.removed.has(link) ? -1 : link;
  }

  /** Every link of an account (active or not). */
  linksOfAccount(account: number): ArrayLike<number> {
    return this.linksByAccount.get(account) ?? (account < this.snapshot.accounts.size ? this.snapshot.accountLinks.of(account) : EMPTY);
  }

  /** Every link of a person (active or not). */
  linksOfPerson(person: number): ArrayLike<number> {
    return this.linksByPerson.get(person) ?? (person < this.snapshot.persons.size ? this.snapshot.personLinks.of(person) : EMPTY);
  }

  /** An account's people: the persons of its active links, each once. */
  peopleOf(account: number): ArrayLike<number> {
    const changed = this.peopleByAccount.get(account);
    if (changed !== undefined) return changed;
    if (account >= this.seedPeople.length) return EMPTY;
    return this.seedPeople[account] ?? (this.seedPeople[account] = this.snapshot.accountPeople.of(account));
  }

  /** A person's accounts: the accounts of the person's active links, each once. */
  accountsOf(person: number): ArrayLike<number> {
    if (person === this.lastPerson) return this.lastAccounts;
    const changed = this.accountsByPerson.get(person);
    // a short-lived view: persons are many and each is rarely read twice, so only the last one read is kept
    const accounts = changed ?? (person < this.snapshot.persons.size ? this.snapshot.personAccounts.of(person) : EMPTY);
    this.lastPerson = person;
    this.lastAccounts = accounts;
    return accounts;
  }

  /** Adds or replaces the link between `account` and `person`. */
  upsert(account: number, person: number, record: TypedRecord): number {
    let link = this.byPair.get(pairKey(account, person));
    if (link === undefined) {
      link = this.accountRefs.length;
      this.accountRefs.push(account);
      this.personRefs.push(person);
      this.byPair.set(pairKey(account, person), link);
    }
    const accountLinks = this.own(this.linksByAccount, account, this.linksOfAccount(account));
    const personLinks = this.own(this.linksByPerson, person, this.linksOfPerson(person));
    if (!accountLinks.includes(link)) insertSorted(accountLinks, link);
    if (!personLinks.includes(link)) insertSorted(personLinks, link);
    this.removed.delete(link);
    this.replaced.set(link, record);
    this.refresh(account, person);
    return link;
  }

  /** Removes the link between `account` and `person`; false when there was none. */
  remove(account: number, person: number): boolean {
    const link = this.linkOf(account, person);
    if (link < 0) return false;
    this.removed.add(link);
    const accountLinks = this.own(this.linksByAccount, account, this.linksOfAccount(account));
    const personLinks = this.own(this.linksByPerson, person, this.linksOfPerson(person));
    accountLinks.splice(accountLinks.indexOf(link), 1);
    personLinks.splice(personLinks.indexOf(link), 1);
    this.refresh(account, person);
    return true;
  }

  private isActive(link: number): boolean {
    return this.value(link, "isActive") !== false;
  }

  /** The owner's own (mutable) list, copied from the Snapshot's on first change. */
  private own(map: Map<number, number[]>, owner: number, known: ArrayLike<number>): number[] {
    let list = map.get(owner);
    if (list === undefined) {
      list = Array.from(known);
      map.set(owner, list);
    }
    return list;
  }

  /** Registers `watcher` to be told of every account whose people change. */
  watch(watcher: LinkWatcher): void {
    this.watchers.push(watcher);
  }

  /** Recomputes the people of one account and the accounts of one person after their link changed. */
  private refresh(account: number, person: number): void {
    const accountLinks = this.linksByAccount.get(account)!;
    const personLinks = this.linksByPerson.get(person)!;
    this.peopleByAccount.set(account, uniqueSorted(accountLinks.filter((l) => this.isActive(l)).map((l) => this.personRefs[l]!)));
    this.accountsByPerson.set(person, uniqueSorted(personLinks.filter((l) => this.isActive(l)).map((l) => this.accountRefs[l]!)));
    this.lastPerson = -1;
    for (const watcher of this.watchers) watcher.peopleChanged(account);
  }
}

function insertSorted(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1]! > value) i--;
  list.splice(i, 0, value);
}

function uniqueSorted(rows: number[]): number[] {
  return [...new Set(rows)].sort((a, b) => a - b);
}
