import type { AudienceSqlErrorCode } from "../error-codes.js";
import { AbmKitError } from "@abm-kit/core";
import type { TimeUnit } from "@abm-kit/audience";

/** A quoting function for identifiers delimited by `mark` (a mark inside is doubled). Control characters are refused. */
export function quoteWith(mark: string): (identifier: string) => string {
  return (identifier) => {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f]/.test(identifier)) {
      throw new AbmKitError<AudienceSqlErrorCode>(
        "INVALID_IDENTIFIER",
        `the name ${JSON.stringify(identifier)} holds a control character and cannot be an SQL identifier`,
        [{ path: [], message: "control character in a field name" }],
      );
    }
    return `${mark}${identifier.split(mark).join(mark + mark)}${mark}`;
  };
}

/** `amount unit` as an interval literal body (`30 days`, `3 months`); weeks become days. */
export function intervalText(amount: number, unit: TimeUnit): string {
  if (unit === "weeks") return `${amount * 7} days`;
  return `${amount} ${unit}`;
}

/** The SQL keyword of a unit for `DATEADD`-style functions (weeks as days). */
export function unitKeyword(unit: TimeUnit): { amount: (n: number) => number; keyword: string } {
  switch (unit) {
    case "minutes":
      return { amount: (n) => n, keyword: "MINUTE" };
    case "hours":
      return { amount: (n) => n, keyword: "HOUR" };
    case "days":
      return { amount: (n) => n, keyword: "DAY" };
    case "weeks":
      return { amount: (n) => n * 7, keyword: "DAY" };
    case "months":
      return { amount: (n) => n, keyword: "MONTH" };
    case "years":
      return { amount: (n) => n, keyword: "YEAR" };
  }
}
