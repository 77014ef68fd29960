import type { MemberResult } from "@abm-kit/destinations";
import { writeBulk } from "../bulk/bulk-writer.js";
import type { SalesforceContext } from "../http/salesforce-request.js";
import { writeCollections } from "./collections-writer.js";
import type { WriteJob } from "./write-job.js";

/** Which API a batch of `members` members goes through: Bulk API 2.0 above the `bulkThreshold` setting, else sObject Collections. */
export function pathFor(members: number, bulkThreshold: number): "bulk" | "collections" {
  return members > bulkThreshold ? "bulk" : "collections";
}

/**
 * Writes a job through the path chosen for a batch of `members` members
 * (`key`: the batch's idempotency key, which lets a retried batch take up its
 * Bulk job again). Both paths end in the same state.
 */
export async function writeRecords(ctx: SalesforceContext, job: WriteJob, members: number, key: string): Promise<MemberResult[]> {
  if (job.rows.length === 0) return [];
  return pathFor(members, ctx.settings.bulkThreshold) === "bulk" ? writeBulk(ctx, job, key) : writeCollections(ctx, job);
}
