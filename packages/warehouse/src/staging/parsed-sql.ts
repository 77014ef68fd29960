/**
 * One column's parse in SQL: helper columns computed first (`prep`, by alias),
 * then the value (NULL when blank or unreadable) and the problem message (NULL
 * when the value was read or blank). `value` and `error` may use the aliases.
 */
export interface ParsedSql {
  readonly prep: Readonly<Record<string, string>>;
  readonly value: string;
  readonly error: string;
}
