import type { Problem } from "../errors.js";
import type { RecordOrigin } from "./identity-records.js";

/** A problem with one source record given to the identity graph. `error` records were not used. */
export interface IdentityProblem extends Problem {
  /** The batch part (`persons`, `links`, `events`, …). */
  readonly part: string;
  /** The record's 0-based position in its part of the batch, when known. */
  readonly index?: number;
  readonly severity: "error" | "warning";
  readonly origin?: RecordOrigin;
}
