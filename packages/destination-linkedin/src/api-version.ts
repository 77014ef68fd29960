const VERSION = /^(\d{4})(0[1-9]|1[0-2])(\.\d{2})?$/;

/** True for a LinkedIn API version header value: `YYYYMM`, optionally with a patch suffix (`202508.02`). */
export function isApiVersion(value: string): boolean {
  return VERSION.test(value);
}

/** Months since year 0 of a version (`202607` → 2026 × 12 + 6), or `undefined` when it is not one. */
export function versionMonth(value: string): number | undefined {
  const m = VERSION.exec(value);
  return m === null ? undefined : Number(m[1]) * 12 + Number(m[2]) - 1;
}

/** Months since year 0 of an ISO instant's UTC month, or `undefined` when it is not a date. */
export function instantMonth(iso: string): number | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}
