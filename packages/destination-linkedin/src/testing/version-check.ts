import type { ServiceResponse } from "@abm-kit/destinations/testing";
import { instantMonth, versionMonth } from "../api-version.js";
import { restError } from "./error-bodies.js";

/**
 * Checks the `LinkedIn-Version` header against the fake's calendar:
 * - missing → 400 `VERSION_MISSING` (every versioned call must send it; learn.microsoft.com/linkedin/marketing/versioning);
 * - not a version, a month after `now`, not in `known` (when given), or more
 *   than `lifetimeMonths` months before `now` → 426 `NONEXISTENT_VERSION`
 *   (versions are served for at least a year, then sunset; the 426 code and
 *   message are from public client code and issue threads).
 * `undefined` when the version is active.
 */
export function checkVersion(
  header: string | undefined,
  nowIso: string,
  lifetimeMonths: number,
  known: ReadonlySet<string> | undefined,
): ServiceResponse | undefined {
  if (header === undefined || header.trim() === "") {
    return restError(400, "A version must be present. Please specify a version by adding the LinkedIn-Version header.", { code: "VERSION_MISSING" });
  }
  const version = header.trim();
  const month = versionMonth(version);
  const now = instantMonth(nowIso)!;
  const inactive = month === undefined || month > now || now - month > lifetimeMonths || (known !== undefined && !known.has(version));
  if (inactive) return restError(426, `Requested version ${version} is not active`, { code: "NONEXISTENT_VERSION" });
  return undefined;
}
