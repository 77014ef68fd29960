/** One lead the fake holds. */
export interface FakeLead {
  readonly id: number;
  readonly email: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** What kind of call a request was. */
export type FakeRequestKind =
  | "identity"
  | "getLeads"
  | "syncLeads"
  | "addToList"
  | "removeFromList"
  | "getStaticList"
  | "createStaticList"
  | "getFolder"
  | "syncNamedAccounts"
  | "getNamedAccountLists"
  | "createNamedAccountList"
  | "addToAccountList"
  | "removeFromAccountList"
  | "other";

/** One request the fake answered (faults the harness injected before the fake are in the harness log instead). */
export interface FakeRequestRecord {
  readonly index: number;
  readonly method: string;
  readonly path: string;
  readonly kind: FakeRequestKind;
  /** The HTTP status (200 for Marketo's envelopes, errors included). */
  status: number;
  /** The response-level error code (`"606"`), when `success` was false. */
  errorCode?: string;
  /** Records (ids, values, input rows) the request carried. */
  batchSize?: number;
  /** True when the request repeated an earlier membership request exactly (a client retry). */
  replay?: boolean;
  /** Whether the call counted against the daily quota. */
  counted?: boolean;
}

/** A request (or one record of it) the fake refused, with the reason. */
export interface FakeRejection {
  readonly requestIndex: number;
  readonly path: string;
  /** A response-level code (`"606"`), an HTTP status (`"413"`), or a record-level code (`"1006"`). */
  readonly code: string;
  readonly reason: string;
  /** The record's index, for a record-level refusal. */
  readonly item?: number;
}

/** A static list as the fake reports it. */
export interface FakeStaticListView {
  readonly id: number;
  readonly name: string;
  readonly folder: { readonly id: number; readonly type: string };
  readonly memberCount: number;
}

/** A named account list as the fake reports it. */
export interface FakeAccountListView {
  readonly marketoGUID: string;
  readonly name: string;
  readonly memberCount: number;
}

/** A named account the fake holds. */
export interface FakeNamedAccount {
  readonly marketoGUID: string;
  readonly name: string;
  readonly fields: Readonly<Record<string, unknown>>;
}
