import { isAbsolute, relative, resolve } from "node:path";
import type { Problem } from "@abm-kit/core";
import { UnsafeFileNameError } from "../errors.js";

/** The values a file-name template can use. */
export interface FileNameValues {
  readonly destination: string;
  readonly audienceId: string;
  readonly audienceName: string;
  /** The run's moment (ISO). */
  readonly now: string;
  readonly mode: "full" | "incremental";
}

/** `YYYYMMDD_HHMMSS` (UTC) of an ISO moment. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}_${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

const TOKEN = /%([A-Z_]+)%/g;
const MAX_NAME = 255;

/**
 * Renders a file-name template (without extension) and refuses, with an
 * {@link UnsafeFileNameError}, any result that is not one plain file name:
 * path separators, `.`/`..`, absolute paths, control characters, unknown
 * tokens, or more than 255 characters (with room for the extension).
 */
export function renderFileName(template: string, values: FileNameValues, extensionLength = 0): string {
  const problems: Problem[] = [];
  if (Number.isNaN(Date.parse(values.now))) problems.push({ path: ["now"], message: "not an ISO date-time" });
  const rendered = template.replace(TOKEN, (whole, token: string) => {
    switch (token) {
      case "DESTINATION":
        return values.destination;
      case "AUDIENCE_ID":
        return values.audienceId;
      case "AUDIENCE_NAME":
        return values.audienceName;
      case "DATETIME":
        return problems.length > 0 ? "" : formatDateTime(values.now);
      case "DATE":
        return problems.length > 0 ? "" : formatDateTime(values.now).slice(0, 8);
      case "MODE":
        return values.mode;
      default:
        problems.push({ path: ["fileNameTemplate"], message: `unknown token ${whole}`, code: "unknown_token" });
        return whole;
    }
  });
  problems.push(...unsafeNameProblems(rendered, extensionLength));
  if (problems.length > 0) {
    throw new UnsafeFileNameError(`file name template ${JSON.stringify(template)} does not give a safe file name`, problems);
  }
  return rendered;
}

/** Why `name` is not a safe single file name (empty when it is). */
export function unsafeNameProblems(name: string, extensionLength = 0): Problem[] {
  const problems: Problem[] = [];
  const at = ["fileNameTemplate"];
  if (name.length === 0) problems.push({ path: at, message: "the file name is empty", code: "empty" });
  if (/[/\\]/.test(name)) problems.push({ path: at, message: "the file name contains a path separator", code: "separator" });
  if (name === "." || name === ".." || name.startsWith(".."))
    problems.push({ path: at, message: "the file name is or starts with a parent reference", code: "parent" });
  if (isAbsolute(name) || /^[A-Za-z]:/.test(name)) problems.push({ path: at, message: "the file name is an absolute path", code: "absolute" });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) problems.push({ path: at, message: "the file name contains control characters", code: "control" });
  if (name.length + extensionLength > MAX_NAME) problems.push({ path: at, message: `the file name is longer than ${MAX_NAME} characters`, code: "too_long" });
  return problems;
}

/** `directory/name`, after checking that it stays inside `directory`. */
export function safeJoin(directory: string, name: string): string {
  const problems = unsafeNameProblems(name);
  const root = resolve(directory);
  const full = resolve(root, name);
  const rel = relative(root, full);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel))
    problems.push({ path: ["fileName"], message: "the path leaves the target folder", code: "escape" });
  if (problems.length > 0) throw new UnsafeFileNameError(`file name ${JSON.stringify(name)} is not safe`, problems);
  return full;
}
