/**
 * Shared printing helpers of the demo: run totals, skip counts, deliveries and
 * member attributes as words, not raw JSON.
 */
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { registrableDomain } from "@abm-kit/core";
import type { RunReport } from "@abm-kit/destinations";

/** `noConsent 3, excluded 1` — only the reasons that occurred; empty when none did. */
export function formatSkipped(skipped: Readonly<Record<string, number>>): string {
  return Object.entries(skipped)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(", ");
}

/** `exported 28, removed 0, failed 0` and, when any were skipped, `; skipped: noConsent 3`. */
export function formatTotals(totals: RunReport["totals"]): string {
  const skipped = formatSkipped(totals.skipped);
  return `exported ${totals.exported}, removed ${totals.removed}, failed ${totals.failed}${skipped ? `; skipped: ${skipped}` : ""}`;
}

/** What a file export delivered: `4 data files (28 rows) and 4 manifests`. */
export function formatFileDeliveries(report: RunReport): string {
  const files = report.audiences.flatMap((a) => a.manifest?.files ?? []);
  const manifests = report.audiences.filter((a) => a.manifest !== undefined).length;
  const rows = files.reduce((n, f) => n + f.rows, 0);
  return `${files.length} data file${files.length === 1 ? "" : "s"} (${rows} rows) and ${manifests} manifest${manifests === 1 ? "" : "s"}`;
}

/** `company Helix Code, domain helixcode.net, engagedPeople30d 2`; a `domain` shows as its registrable domain, however the source spelled it. */
export function formatAttributes(attributes: Readonly<Record<string, unknown>>): string {
  return Object.entries(attributes)
    .map(
      ([key, value]) =>
        `${key} ${key === "domain" && typeof value === "string" ? (registrableDomain(value) ?? value) : Array.isArray(value) ? value.join("; ") : String(value)}`,
    )
    .join(", ");
}

const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

/** A path as the reader finds it from the repository root (`examples/out/exports`), wherever the demo runs from. */
export function shownPath(path: string): string {
  return relative(repositoryRoot, path) || ".";
}
