import type { LinkedInErrorCode } from "../error-codes.js";
import { RetryableError, type AdapterContext } from "@abm-kit/destinations";
import type { LinkedInSettings } from "../settings.js";
import { readSegment, segmentIdOf, type DmpSegment, type SegmentType } from "./dmp-segment.js";

/** What the LinkedIn calls need of the adapter context. */
export type LinkedInContext = Pick<AdapterContext<LinkedInSettings>, "settings" | "request">;

/** Segments asked for per finder page. */
const PAGE_SIZE = 100;
/** A guard against a finder that never ends. */
const MAX_PAGES = 1000;

/** `GET /rest/dmpSegments/{id}`; `undefined` when LinkedIn answers 404 (the segment is gone). */
export async function getSegment(ctx: LinkedInContext, id: string): Promise<DmpSegment | undefined> {
  const answer = await ctx.request({ method: "GET", path: `/rest/dmpSegments/${encodeURIComponent(id)}`, accept: [404] });
  if (answer.status === 404) return undefined;
  const segment = readSegment(answer.body);
  if (segment === undefined) throw new RetryableError<LinkedInErrorCode>("MALFORMED_RESPONSE", "GET /rest/dmpSegments/{id} returned no segment");
  return segment;
}

/** Every segment of the ad account (`GET /rest/dmpSegments?q=account&account=…`, paged). */
export async function listSegments(ctx: LinkedInContext): Promise<DmpSegment[]> {
  const out: DmpSegment[] = [];
  for (let page = 0, start = 0; page < MAX_PAGES; page++) {
    const answer = await ctx.request({
      method: "GET",
      path: "/rest/dmpSegments",
      query: { q: "account", account: ctx.settings.adAccountId, start: String(start), count: String(PAGE_SIZE) },
    });
    const body = (answer.body ?? {}) as { elements?: unknown; paging?: { total?: unknown } };
    if (!Array.isArray(body.elements)) throw new RetryableError<LinkedInErrorCode>("MALFORMED_RESPONSE", "GET /rest/dmpSegments returned no elements");
    for (const raw of body.elements) {
      const segment = readSegment(raw);
      if (segment !== undefined) out.push(segment);
    }
    if (body.elements.length === 0) return out;
    start += body.elements.length;
    // With a total, stop there; without one, read until an empty page (the service may cap pages below PAGE_SIZE).
    const total = typeof body.paging?.total === "number" ? body.paging.total : undefined;
    if (total !== undefined && start >= total) return out;
  }
  return out;
}

/**
 * `POST /rest/dmpSegments` (private, destination LINKEDIN). Returns the new
 * id from the `segmentIdHeader` response header, or `undefined` when the
 * header is missing (the caller then finds the segment by name).
 */
export async function createSegment(ctx: LinkedInContext, name: string, type: SegmentType): Promise<string | undefined> {
  const { settings } = ctx;
  const answer = await ctx.request({
    method: "POST",
    path: "/rest/dmpSegments",
    json: {
      name,
      sourcePlatform: settings.sourcePlatform,
      account: settings.adAccountId,
      accessPolicy: "PRIVATE",
      type,
      destinations: [{ destination: "LINKEDIN" }],
    },
  });
  return segmentIdOf(answer.headers.get(settings.segmentIdHeader));
}
