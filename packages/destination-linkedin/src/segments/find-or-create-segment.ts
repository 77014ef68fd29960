import type { LinkedInErrorCode } from "../error-codes.js";
import { RetryableError, TerminalError, type DestinationAudienceRef, type TargetAudience } from "@abm-kit/destinations";
import { segmentTypeOf, type DmpSegment, type SegmentType } from "./dmp-segment.js";
import { createSegment, getSegment, listSegments, type LinkedInContext } from "./segment-api.js";
import { segmentNameOf } from "./segment-name.js";

const byNumericId = (a: DmpSegment, b: DmpSegment) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);

/** The oldest segment of the account with this name and type; a same-name segment of the other type is a conflict. */
function pickByName(segments: readonly DmpSegment[], name: string, type: SegmentType): DmpSegment | undefined {
  const named = segments.filter((s) => s.name === name);
  const fitting = named.filter((s) => s.type === type).sort(byNumericId);
  if (fitting.length > 0) return fitting[0];
  if (named.length > 0) {
    throw new TerminalError<LinkedInErrorCode>(
      "SEGMENT_TYPE_CONFLICT",
      `ad account segment ${named[0]!.id} is named ${JSON.stringify(name)} but holds ${named[0]!.type ?? "another type"}, not ${type}; rename it or change the segmentName setting`,
    );
  }
  return undefined;
}

/**
 * Finds the audience's DMP segment or creates it. The remembered id is checked
 * first (`GET /rest/dmpSegments/{id}`); a segment that is gone or belongs to
 * another ad account is replaced. Otherwise the account's segments are searched
 * by name (so a crash between creating a segment and remembering its id does
 * not create a second one), and only then is one created. A new segment comes
 * back with `readyAfterMs` (LinkedIn asks for ~5 s before the first members).
 */
export async function findOrCreateSegment(ctx: LinkedInContext, audience: TargetAudience, known: string | undefined): Promise<DestinationAudienceRef> {
  const { settings } = ctx;
  const type = segmentTypeOf(audience.type);
  if (known !== undefined) {
    const segment = await getSegment(ctx, known);
    if (segment !== undefined && (segment.account === undefined || segment.account === settings.adAccountId)) {
      if (segment.type !== undefined && segment.type !== type) {
        throw new TerminalError<LinkedInErrorCode>("SEGMENT_TYPE_CONFLICT", `remembered segment ${segment.id} holds ${segment.type}, not ${type}`);
      }
      return { externalId: segment.id };
    }
  }
  const name = segmentNameOf(settings.segmentName, audience);
  const existing = pickByName(await listSegments(ctx), name, type);
  if (existing !== undefined) return { externalId: existing.id };
  const createdId = (await createSegment(ctx, name, type)) ?? pickByName(await listSegments(ctx), name, type)?.id;
  if (createdId === undefined) {
    throw new RetryableError<LinkedInErrorCode>(
      "SEGMENT_ID_MISSING",
      `LinkedIn accepted the new segment but its id was neither in the ${settings.segmentIdHeader} header nor among the account's segments`,
    );
  }
  return { externalId: createdId, created: true, readyAfterMs: settings.segmentReadyDelayMs };
}
