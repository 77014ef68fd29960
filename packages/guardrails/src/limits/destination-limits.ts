import { z } from "zod";

const count = () => z.number().int().nonnegative();
const positive = () => z.number().int().positive();

/**
 * The hard limits a destination declares (each adapter brings its own). Every
 * field is optional: an absent limit is not checked. Sizes are members; rows
 * per file are data rows.
 */
export const DestinationLimitsSchema = z.object({
  /** The fewest members an audience must have to be usable (LinkedIn: 300). */
  minAudienceSize: count().optional(),
  /**
   * What `minAudienceSize` counts: the `members` sent (the default), or the
   * members the destination `matched` to its own users or companies
   * (LinkedIn). Plans are checked against the members sent, an upper bound of
   * those matched, so a `matched` minimum can still fail after upload.
   */
  minAudienceSizeCounts: z.enum(["members", "matched"]).optional(),
  /** The most members one audience may have. */
  maxAudienceSize: count().optional(),
  /** The most records one request may carry. */
  maxBatchSize: positive().optional(),
  /** The most attributes a field mapping may send. */
  maxMappedAttributes: count().optional(),
  /** The most data rows one exported file may hold. */
  maxRowsPerFile: positive().optional(),
  /** At most `requests` requests per `windowMs` milliseconds. */
  requestsPerWindow: z.object({ requests: positive(), windowMs: positive() }).optional(),
  /** The most requests in flight at once. */
  maxConcurrency: positive().optional(),
});
/** The hard limits a destination declares (see {@link DestinationLimitsSchema}). */
export type DestinationLimits = z.infer<typeof DestinationLimitsSchema>;

type NumericLimit = Exclude<keyof DestinationLimits, "requestsPerWindow" | "minAudienceSize" | "minAudienceSizeCounts">;
const MAXIMUMS: readonly NumericLimit[] = ["maxAudienceSize", "maxBatchSize", "maxMappedAttributes", "maxRowsPerFile", "maxConcurrency"];

/**
 * Combines limits from several places (a destination's declaration, a
 * profile's extra limits) into the strictest of each: the highest minimum, the
 * lowest maximum, the lowest request rate. The minimum keeps what it counts
 * (`minAudienceSizeCounts`) from the limits it came from; of equal minimums,
 * `matched` wins.
 */
export function strictestLimits(...all: ReadonlyArray<DestinationLimits | undefined>): DestinationLimits {
  const out: DestinationLimits = {};
  for (const limits of all) {
    if (limits === undefined) continue;
    const min = limits.minAudienceSize;
    if (min !== undefined) {
      const current = out.minAudienceSize;
      if (current === undefined || min > current) {
        out.minAudienceSize = min;
        if (limits.minAudienceSizeCounts === undefined) delete out.minAudienceSizeCounts;
        else out.minAudienceSizeCounts = limits.minAudienceSizeCounts;
      } else if (min === current && limits.minAudienceSizeCounts === "matched") {
        out.minAudienceSizeCounts = "matched";
      }
    }
    for (const key of MAXIMUMS) {
      const value = limits[key];
      if (value !== undefined) out[key] = Math.min(out[key] ?? value, value);
    }
    const rate = limits.requestsPerWindow;
    if (rate !== undefined) {
      const current = out.requestsPerWindow;
      if (current === undefined || rate.requests / rate.windowMs < current.requests / current.windowMs) {
        out.requestsPerWindow = { ...rate };
      }
    }
  }
  return out;
}
