/**
 * The codes an error-code list stands for: its keys, where a placeholder
 * `<status>` is any number and any other `<…>` any text.
 */
export type ErrorCodeOf<List> = {
  [K in keyof List & string]: K extends `${infer A}<status>${infer B}`
    ? `${A}${number}${B}`
    : K extends `${infer A}<${string}>${infer B}`
      ? `${A}${string}${B}`
      : K;
}[keyof List & string];

/** Every `code` of an error `@abm-kit/core` raises, with what it means. */
export const CORE_ERROR_CODES = {
  VALIDATION_FAILED:
    "Input (a record, a definition, settings, options) did not pass its schema; `problems` names each problem with its path (`ValidationError`, raised by every package).",
  INVALID_OPTIONS: "An option is not valid: a related-table declaration is wrong, an unknown record kind. (A bad `now` or `asOf` is a `VALIDATION_FAILED`.)",
  BUILDER_USED: "The `SnapshotBuilder` has already built its snapshot.",
} as const;
/** A code of an error `@abm-kit/core` raises. */
export type CoreErrorCode = ErrorCodeOf<typeof CORE_ERROR_CODES>;
