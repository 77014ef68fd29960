import { parseOrThrow } from "@abm-kit/core";
import { AuthExpiredError, type AuthState, type RunReport } from "@abm-kit/destinations";
import { createRequester } from "@abm-kit/destinations/internal";
import { linkedInHttp } from "../http/linkedin-http.js";
import { refreshAccessToken } from "../oauth/refresh-access-token.js";
import type { DmpSegment } from "../segments/dmp-segment.js";
import { getSegment, type LinkedInContext } from "../segments/segment-api.js";
import { LinkedInSettingsSchema, type LinkedInSettings } from "../settings.js";
import { segmentWarnings } from "./segment-warnings.js";

/** What LinkedIn reports about one segment, with warnings for the run report. */
export interface SegmentStatus {
  /** The abm-kit audience, when the id came from a run report. */
  readonly audienceId: string | undefined;
  readonly segmentId: string;
  /** `undefined` when the segment no longer exists. */
  readonly segment: DmpSegment | undefined;
  /** The LINKEDIN destination's status (`BUILDING`, `READY`, …); `NOT_FOUND` when the segment is gone. */
  readonly status: string;
  readonly matchedCount: number | undefined;
  readonly audienceSize: number | undefined;
  readonly warnings: readonly string[];
}

/** What {@link readSegmentStatus} reads. */
export interface ReadSegmentStatusInput {
  /** The destination's settings, as in the plan (validated here). */
  readonly settings: unknown;
  /** A run report: its audiences' segment ids are read. */
  readonly report?: RunReport;
  /** More segment ids to read. */
  readonly segmentIds?: readonly string[];
  /** The moment of the call (ISO). */
  readonly now: string;
  readonly signal?: AbortSignal;
}

/**
 * Reads each segment's status, `matchedCount` and `audienceSize` from LinkedIn
 * (`GET /rest/dmpSegments/{id}`) after a run, and warns about segments that
 * campaigns cannot use yet: fewer than `minMatchedMembers` (300) matched,
 * still building, expired or failed. Settings mistakes raise one
 * `ValidationError` before any request; an expired token is refreshed once.
 */
export async function readSegmentStatus(input: ReadSegmentStatusInput): Promise<SegmentStatus[]> {
  const settings: LinkedInSettings = parseOrThrow(LinkedInSettingsSchema, input.settings, "settings of destination linkedin");
  const signal = input.signal ?? new AbortController().signal;
  const wanted: { audienceId: string | undefined; segmentId: string }[] = [];
  for (const a of input.report?.audiences ?? []) if (a.externalId !== undefined) wanted.push({ audienceId: a.audienceId, segmentId: a.externalId });
  for (const id of input.segmentIds ?? []) wanted.push({ audienceId: undefined, segmentId: id });
  if (wanted.length === 0) return [];

  let auth: AuthState | undefined;
  // The same requests as in a run (headers, timeout, error envelopes), outside one.
  const request = createRequester({ http: linkedInHttp, settings, auth: () => auth, signal, beforeRequest: async () => {} });
  const ctx: LinkedInContext & { now: string } = { settings, request, now: input.now };
  auth = await refreshAccessToken(ctx, settings.refreshToken);
  const read = async (id: string): Promise<DmpSegment | undefined> => {
    try {
      return await getSegment(ctx, id);
    } catch (error) {
      if (!(error instanceof AuthExpiredError)) throw error;
      auth = await refreshAccessToken(ctx, auth?.extra?.refreshToken ?? settings.refreshToken);
      return getSegment(ctx, id);
    }
  };
  const out: SegmentStatus[] = [];
  for (const { audienceId, segmentId } of wanted) {
    const segment = await read(segmentId);
    out.push({
      audienceId,
      segmentId,
      segment,
      status: segment === undefined ? "NOT_FOUND" : (segment.status ?? "UNKNOWN"),
      matchedCount: segment?.matchedCount,
      audienceSize: segment?.audienceSize,
      warnings: segmentWarnings(segment, settings.minMatchedMembers),
    });
  }
  return out;
}
