import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError, type ProblemPath } from "@abm-kit/core";

const invalid = (path: ProblemPath, message: string): never => {
  throw new AbmKitError<AudienceErrorCode>("INVALID_OPTIONS", `${path.join(".") || "options"} ${message}`, [{ path, message, code: "invalid_option" }]);
};

/** The options object of an entry point (a typed error when it is not an object). */
export function optionsObject<T extends object>(options: T | undefined, path: ProblemPath = ["options"]): Partial<T> {
  if (typeof options !== "object" || options === null) invalid(path, "must be an object");
  return options as Partial<T>;
}

/** The entries of a list option (undefined: none); a typed error when it is not iterable. */
export function listOption(value: unknown, path: ProblemPath): unknown[] {
  if (value === undefined) return [];
  if (typeof value !== "object" || value === null || typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function")
    invalid(path, "must be a list");
  return [...(value as Iterable<unknown>)];
}

/** A boolean option (undefined: false); a typed error for anything else. */
export function booleanOption(value: unknown, path: ProblemPath): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") invalid(path, "must be true or false");
  return value as boolean;
}
