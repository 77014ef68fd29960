import type { IdentityBatch } from "@abm-kit/core";
import type { FileReport } from "./file-report.js";

/** What a reader returns: identity-graph records for `IdentityGraph.add`, and the file's report. */
export interface SourceResult {
  readonly batch: IdentityBatch;
  readonly report: FileReport;
}
