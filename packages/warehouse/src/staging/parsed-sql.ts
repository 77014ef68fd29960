/**
 * One column's parse in SQL: helper columns computed first (`groups`, then `prep`, by alias),
 * then the value (NULL when blank or unreadable) and the problem message (NULL
 * when the value was read or blank). `value` and `error` may use the aliases.
 */
export interface ParsedSql {
  /** Helper columns computed before `prep` (which may use their aliases); absent when there are none. */
  readonly groups?: Readonly<Record<string, string>>;
  readonly prep: Readonly<Record<string, string>>;
  readonly value: string;
  readonly error: string;
}
