/** A DMP segment's type: companies (account audiences) or users (person audiences). */
export type SegmentType = "COMPANY" | "USER";

/** The fields of a DMP segment the adapter reads (`GET /rest/dmpSegments/{id}` and the `account` finder). */
export interface DmpSegment {
  readonly id: string;
  readonly name: string | undefined;
  readonly account: string | undefined;
  readonly type: string | undefined;
  /** The LINKEDIN destination's status (`BUILDING`, `READY`, `PROCESSING`, `EXPIRED`, `FAILED`, `ERROR`, …). */
  readonly status: string | undefined;
  /** `urn:li:adSegment:…`, once LinkedIn built the ad segment. */
  readonly destinationSegmentId: string | undefined;
  readonly audienceSize: number | undefined;
  readonly matchedCount: number | undefined;
  readonly inputCount: number | undefined;
}

/** The segment type of an abm-kit audience type. */
export function segmentTypeOf(audienceType: "account" | "person"): SegmentType {
  return audienceType === "account" ? "COMPANY" : "USER";
}

/** The numeric id of `123` or `urn:li:dmpSegment:123`, or `undefined`. */
export function segmentIdOf(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return String(value);
  if (typeof value !== "string") return undefined;
  const id = value.trim().replace(/^urn:li:dmpSegment:/, "");
  return /^\d+$/.test(id) ? id : undefined;
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** Reads a segment element of a LinkedIn answer; `undefined` when it has no usable id. */
export function readSegment(raw: unknown): DmpSegment | undefined {
  if (raw === null || typeof raw !== "object") return undefined;
  const r = raw as Record<string, unknown>;
  const id = segmentIdOf(r.id);
  if (id === undefined) return undefined;
  const destinations = Array.isArray(r.destinations) ? (r.destinations as unknown[]) : [];
  const linkedin = destinations.find((d) => (d as { destination?: unknown } | null)?.destination === "LINKEDIN") as Record<string, unknown> | undefined;
  return {
    id,
    name: str(r.name),
    account: str(r.account),
    type: str(r.type),
    status: str(linkedin?.status),
    destinationSegmentId: str(linkedin?.destinationSegmentId),
    audienceSize: num(r.audienceSize),
    matchedCount: num(r.matchedCount),
    inputCount: num(r.inputCount),
  };
}
