import type { DmpSegment } from "../segments/dmp-segment.js";

const UNUSABLE = new Set(["EXPIRED", "FAILED", "ERROR"]);

/** The warnings a segment's status and counts call for. */
export function segmentWarnings(segment: DmpSegment | undefined, minMatchedMembers: number): string[] {
  if (segment === undefined) return ["the segment no longer exists at LinkedIn; the next run creates a new one"];
  const warnings: string[] = [];
  const status = segment.status ?? "UNKNOWN";
  if (UNUSABLE.has(status)) warnings.push(`segment status is ${status}: campaigns cannot target it`);
  if (status === "BUILDING" || status === "PROCESSING")
    warnings.push(`LinkedIn is still processing the segment (${status}); the first processing can take up to 48 hours`);
  if (segment.matchedCount === undefined) warnings.push("LinkedIn has not reported a matched count yet");
  else if (segment.matchedCount < minMatchedMembers) {
    const n = segment.matchedCount;
    warnings.push(`${n} matched member${n === 1 ? " is" : "s are"} below LinkedIn's minimum of ${minMatchedMembers} for campaigns`);
  }
  return warnings;
}
