import type { AudienceDescription } from "@abm-kit/destinations";
import { getSegment, type LinkedInContext } from "../segments/segment-api.js";
import { segmentWarnings } from "./segment-warnings.js";

/**
 * What LinkedIn says about a segment after a run (`GET /rest/dmpSegments/{id}`):
 * its status (`BUILDING`, `READY`, …; `NOT_FOUND` when gone), `matchedCount`
 * and `audienceSize`, with warnings (below `minMatchedMembers` matched, still building, expired).
 */
export async function describeSegment(ctx: LinkedInContext, segmentId: string): Promise<AudienceDescription> {
  const segment = await getSegment(ctx, segmentId);
  return {
    status: segment === undefined ? "NOT_FOUND" : (segment.status ?? "UNKNOWN"),
    ...(segment?.matchedCount !== undefined ? { matchedCount: segment.matchedCount } : {}),
    ...(segment?.audienceSize !== undefined ? { audienceSize: segment.audienceSize } : {}),
    warnings: segmentWarnings(segment, ctx.settings.minMatchedMembers),
  };
}
