/** One member a segment holds: the key it is matched on and the last element sent for it. */
export interface FakeMember {
  /** `domain:acme.com`, `org:urn:li:organization:1`, `sha256:<hex>`, … */
  readonly key: string;
  readonly element: Readonly<Record<string, unknown>>;
}

/** What kind of call a request was. */
export type FakeRequestKind = "token" | "createSegment" | "findSegments" | "getSegment" | "companies" | "users" | "other";

/** One request the fake answered (faults the harness injected before the fake are in the harness log instead). */
export interface FakeRequestRecord {
  readonly index: number;
  readonly method: string;
  readonly path: string;
  readonly kind: FakeRequestKind;
  status: number;
  /** The segment a segment or member request was about. */
  segmentId?: string;
  /** Elements in a member request. */
  batchSize?: number;
  adds?: number;
  removes?: number;
  /** Elements answered with a non-2xx status. */
  rejectedItems?: number;
  /** True when the body repeated an earlier member request to the same segment exactly (a client retry). */
  replay?: boolean;
}

/** A request (or one element of it) the fake refused, with the reason. */
export interface FakeRejection {
  readonly requestIndex: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly reason: string;
  /** The element's index, for a per-item refusal. */
  readonly item?: number;
}

/** A segment as the fake reports it. */
export interface FakeSegmentView {
  readonly id: string;
  readonly name: string;
  readonly account: string;
  readonly type: "USER" | "COMPANY";
  readonly status: "BUILDING" | "READY";
  readonly matchedCount: number;
  readonly audienceSize: number;
  readonly inputCount: number;
}
