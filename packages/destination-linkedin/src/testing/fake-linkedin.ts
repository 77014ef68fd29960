import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import type { ServiceHandler, ServiceRequest, ServiceResponse } from "@abm-kit/destinations/testing";
import { companyValueProblem, memberKey, schemaProblem, userValueProblem } from "./element-rules.js";
import { oauthError, restError } from "./error-bodies.js";
import { resolveFakeOptions, type FakeLinkedInOptions, type ResolvedFakeOptions } from "./fake-options.js";
import type { FakeMember, FakeRejection, FakeRequestKind, FakeRequestRecord, FakeSegmentView } from "./fake-records.js";
import { RateWindow } from "./rate-window.js";
import { TokenStore } from "./token-store.js";
import { checkVersion } from "./version-check.js";

interface StoredSegment {
  readonly id: string;
  readonly name: string;
  readonly account: string;
  readonly type: "USER" | "COMPANY";
  readonly accessPolicy: string;
  readonly sourcePlatform: string;
  readonly createdAt: number;
  changedAt: number;
  readonly members: Map<string, FakeMember>;
  /** Digests of the member requests applied, to tell a client's retry from a new request. */
  readonly applied: Set<string>;
}

const SEGMENT_FIELDS = ["name", "sourcePlatform", "sourceSegmentId", "account", "accessPolicy", "type", "destinations"];
const ACCOUNT_URN = /^urn:li:sponsoredAccount:(\d+)$/;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const byKey = (a: FakeMember, b: FakeMember) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function kindOf(method: string, path: string): FakeRequestKind {
  if (path === "/oauth/v2/accessToken") return "token";
  if (path === "/rest/dmpSegments") return method === "POST" ? "createSegment" : "findSegments";
  if (/^\/rest\/dmpSegments\/[^/]+$/.test(path)) return "getSegment";
  const m = /^\/rest\/dmpSegments\/[^/]+\/(companies|users)$/.exec(path);
  return m ? (m[1] as "companies" | "users") : "other";
}

/**
 * An in-memory LinkedIn Marketing API for DMP segments that accepts what
 * LinkedIn accepts and refuses what it refuses, with LinkedIn's status codes
 * and error envelopes. Plug {@link FakeLinkedIn.handle} into a server (see
 * `startFakeLinkedIn`) and inspect what it holds and what it was asked.
 * Each rule names its source; "assumption" marks what no source settles.
 */
export class FakeLinkedIn {
  private readonly options: ResolvedFakeOptions;
  private readonly tokens: TokenStore;
  private readonly rates: RateWindow;
  private readonly stored = new Map<string, StoredSegment>();
  private readonly startClock: number;
  private nextSegmentId = 18_000_001;
  private readonly log: FakeRequestRecord[] = [];
  private readonly refused: FakeRejection[] = [];
  private redundantAddCount = 0;
  private redundantRemoveCount = 0;

  constructor(options: FakeLinkedInOptions = {}) {
    // The fake's calendar defaults to the wall clock at start: it is a stand-in for a live service.
    this.options = resolveFakeOptions(
      options,
      () => new Date().toISOString(),
      () => performance.now(),
    );
    this.startClock = this.options.clock();
    this.tokens = new TokenStore(this.options.clock, this.options.accessTokenTtlMs, this.options.refreshTokens, this.options.refreshTokenTtlMs);
    this.rates = new RateWindow(this.options.clock);
  }

  /** The request handler (for `startFaultServer` or any node:http adapter). */
  readonly handle: ServiceHandler = async (request) => {
    const record: FakeRequestRecord = {
      index: this.log.length,
      method: request.method,
      path: request.path,
      kind: kindOf(request.method, request.path),
      status: 0,
    };
    this.log.push(record);
    const response = this.route(request, record);
    record.status = response.status;
    if (response.status >= 400) {
      const body = response.body as { message?: string; error?: string; error_description?: string } | undefined;
      this.refused.push({
        requestIndex: record.index,
        method: record.method,
        path: record.path,
        status: response.status,
        reason: body?.message ?? body?.error_description ?? body?.error ?? "",
      });
    }
    await this.options.onRequest?.(record);
    if (this.options.latencyMs > 0) await delay(this.options.latencyMs);
    return response;
  };

  // ---- inspection -------------------------------------------------------

  /** Every request the fake answered, in order. */
  get requests(): readonly FakeRequestRecord[] {
    return this.log;
  }

  /** Every refusal: whole requests and single elements. */
  get rejections(): readonly FakeRejection[] {
    return this.refused;
  }

  /** Adds of a member already held, outside exact repeats of an earlier request (a client's retry). */
  get redundantAdds(): number {
    return this.redundantAddCount;
  }

  /** Removes of a member not held, outside exact repeats of an earlier request. */
  get redundantRemoves(): number {
    return this.redundantRemoveCount;
  }

  /** Every access token issued (secrets: look for them in logs). */
  get issuedAccessTokens(): readonly string[] {
    return this.tokens.issued;
  }

  /** Every segment, by ascending id. */
  segments(): FakeSegmentView[] {
    return [...this.stored.values()].sort((a, b) => Number(a.id) - Number(b.id)).map((s) => this.view(s));
  }

  /** One segment, or `undefined`. */
  segment(id: string): FakeSegmentView | undefined {
    const s = this.stored.get(id);
    return s === undefined ? undefined : this.view(s);
  }

  /** The members a segment holds, by key (empty for an unknown segment). */
  members(segmentId: string): FakeMember[] {
    return [...(this.stored.get(segmentId)?.members.values() ?? [])].sort(byKey);
  }

  /** Deletes a segment (as a user could in Campaign Manager). */
  deleteSegment(id: string): void {
    this.stored.delete(id);
  }

  /** Makes every access token issued so far expired (→ 401, serviceErrorCode 65602). */
  expireAccessTokens(): void {
    this.tokens.expireAccessTokens();
  }

  /** Revokes every access token issued so far (→ 401, serviceErrorCode 65601). */
  revokeAccessTokens(): void {
    this.tokens.revokeAccessTokens();
  }

  /** Revokes a refresh token, or all (→ `invalid_grant`). */
  revokeRefreshTokens(token?: string): void {
    this.tokens.revokeRefreshTokens(token);
  }

  // ---- routing ----------------------------------------------------------

  private route(request: ServiceRequest, record: FakeRequestRecord): ServiceResponse {
    if (record.kind === "token") return request.method === "POST" ? this.token(request) : restError(405, "Method not allowed");
    if (!request.path.startsWith("/rest/")) return restError(404, "Not Found");
    return this.rest(request, record);
  }

  /**
   * `POST /oauth/v2/accessToken`, refresh-token grant
   * (learn.microsoft.com/linkedin/shared/authentication/programmatic-refresh-tokens):
   * form-encoded `grant_type=refresh_token&refresh_token&client_id&client_secret`
   * → `{ access_token, expires_in, refresh_token, refresh_token_expires_in }`;
   * a wrong client → 401 `invalid_client`; an unknown, revoked or expired
   * refresh token → 400 `invalid_grant` (RFC 6749 §5.2).
   */
  private token(request: ServiceRequest): ServiceResponse {
    const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded" || typeof request.body !== "string") {
      return oauthError(400, "invalid_request", "the request must be form-encoded (application/x-www-form-urlencoded)");
    }
    const form = new URLSearchParams(request.body);
    if (form.get("grant_type") !== "refresh_token") return oauthError(400, "unsupported_grant_type", "the fake supports grant_type=refresh_token only");
    if (form.get("client_id") !== this.options.clientId || form.get("client_secret") !== this.options.clientSecret) {
      return oauthError(401, "invalid_client", "Client authentication failed");
    }
    const refresh = form.get("refresh_token");
    if (refresh === null || refresh === "") return oauthError(400, "invalid_request", 'A required parameter "refresh_token" is missing');
    const left = this.tokens.refreshTokenSecondsLeft(refresh);
    if (left === undefined) return oauthError(400, "invalid_grant", "The provided authorization grant or refresh token is invalid, expired or revoked");
    const issued = this.tokens.issue();
    // Refreshing returns the same refresh token with its remaining life (it is not extended).
    return { status: 200, body: { access_token: issued.token, expires_in: issued.expiresInSeconds, refresh_token: refresh, refresh_token_expires_in: left } };
  }

  private rest(request: ServiceRequest, record: FakeRequestRecord): ServiceResponse {
    const { headers } = request;
    const version = checkVersion(
      headers["linkedin-version"],
      new Date(this.nowMs()).toISOString(),
      this.options.versionLifetimeMonths,
      this.options.knownVersions,
    );
    if (version !== undefined) return version;
    const auth = headers.authorization ?? "";
    const token = auth.startsWith("Bearer ") ? auth.slice(7).trim() : "";
    const problem = this.tokens.problemOf(token);
    if (problem !== undefined) return restError(401, problem.message, { serviceErrorCode: problem.code });
    // Rest.li 2.0 is required on the versioned API (learn.microsoft.com/linkedin/marketing/versioning); the 400 is an assumption.
    if (headers["x-restli-protocol-version"] !== "2.0.0") return restError(400, "X-Restli-Protocol-Version: 2.0.0 is required");

    const segmentMatch = /^\/rest\/dmpSegments\/([^/]+)(?:\/(companies|users))?$/.exec(request.path);
    if (request.path === "/rest/dmpSegments") {
      if (request.method === "POST") return this.createSegment(request, record);
      if (request.method === "GET") return this.findSegments(request.query);
      return restError(405, "Method not allowed");
    }
    if (segmentMatch) {
      const id = decodeURIComponent(segmentMatch[1]!);
      record.segmentId = id;
      const resource = segmentMatch[2] as "companies" | "users" | undefined;
      if (resource === undefined) return request.method === "GET" ? this.getSegment(id) : restError(405, "Method not allowed");
      return request.method === "POST" ? this.changeMembers(id, resource, request, record) : restError(405, "Method not allowed");
    }
    return restError(404, "Not Found");
  }

  // ---- segments ---------------------------------------------------------

  /** Access to an ad account (assumption: 403 with serviceErrorCode 100, as LinkedIn answers permission failures). */
  private forbidden(account: string, action: string): ServiceResponse | undefined {
    const id = ACCOUNT_URN.exec(account)?.[1];
    if (this.options.adAccounts === undefined || (id !== undefined && this.options.adAccounts.has(id))) return undefined;
    return restError(403, `Not enough permissions to access: dmpSegments.${action}`, { serviceErrorCode: 100 });
  }

  /**
   * `POST /rest/dmpSegments` (learn.microsoft.com/linkedin/marketing/matched-audiences/create-and-manage-segments):
   * `{ name, sourcePlatform, account: urn:li:sponsoredAccount:N, accessPolicy, type: USER|COMPANY, destinations: [{ destination: LINKEDIN }] }`
   * → 201 with the id in `x-restli-id` (configurable: one partner adapter reads `x-linkedin-id`).
   * Every problem of the body is listed in one 400 (assumption on wording).
   */
  private createSegment(request: ServiceRequest, record: FakeRequestRecord): ServiceResponse {
    const b = request.body;
    if (!isObject(b)) return restError(400, "the body must be a JSON object");
    const problems: string[] = [];
    for (const key of Object.keys(b)) if (!SEGMENT_FIELDS.includes(key)) problems.push(`/${key} :: unrecognized field found but not allowed`);
    if (typeof b.name !== "string" || b.name.trim() === "") problems.push("/name :: is required");
    if (typeof b.sourcePlatform !== "string" || !/^[A-Z][A-Z0-9_]*$/.test(b.sourcePlatform)) problems.push("/sourcePlatform :: is required (an enum symbol)");
    if (typeof b.account !== "string" || !ACCOUNT_URN.test(b.account)) problems.push("/account :: must be urn:li:sponsoredAccount:<id>");
    if (b.accessPolicy !== "PRIVATE" && b.accessPolicy !== "PUBLIC") problems.push("/accessPolicy :: must be PRIVATE or PUBLIC");
    if (b.type !== "USER" && b.type !== "COMPANY") problems.push("/type :: must be USER or COMPANY");
    const destinations = b.destinations;
    if (
      !Array.isArray(destinations) ||
      destinations.length === 0 ||
      !destinations.every((d) => isObject(d) && d.destination === "LINKEDIN" && Object.keys(d).length === 1)
    ) {
      problems.push("/destinations :: must be [{ destination: LINKEDIN }]");
    }
    if (problems.length > 0) return restError(400, problems.join("; "));
    const denied = this.forbidden(b.account as string, "CREATE");
    if (denied !== undefined) return denied;
    const id = String(this.nextSegmentId++);
    const now = this.options.clock();
    this.stored.set(id, {
      id,
      name: (b.name as string).trim(),
      account: b.account as string,
      type: b.type as "USER" | "COMPANY",
      accessPolicy: b.accessPolicy as string,
      sourcePlatform: b.sourcePlatform as string,
      createdAt: now,
      changedAt: now,
      members: new Map(),
      applied: new Set(),
    });
    record.segmentId = id;
    const headers: Record<string, string> = { location: `/dmpSegments/${id}` };
    for (const h of this.options.idHeaders) headers[h] = id;
    return { status: 201, headers };
  }

  /** `GET /rest/dmpSegments?q=account&account=…&start&count` (the account finder; count ≤ 100 is an assumption). */
  private findSegments(query: URLSearchParams): ServiceResponse {
    if (query.get("q") !== "account") return restError(400, "the only finder is q=account");
    const account = query.get("account") ?? "";
    if (!ACCOUNT_URN.test(account)) return restError(400, "account must be urn:li:sponsoredAccount:<id>");
    const denied = this.forbidden(account, "FINDER");
    if (denied !== undefined) return denied;
    const start = Number(query.get("start") ?? "0");
    const count = Number(query.get("count") ?? "10");
    if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 1 || count > 100) return restError(400, "start ≥ 0 and 1 ≤ count ≤ 100");
    const all = [...this.stored.values()].filter((s) => s.account === account).sort((a, b) => Number(a.id) - Number(b.id));
    return {
      status: 200,
      body: { elements: all.slice(start, start + count).map((s) => this.resource(s)), paging: { start, count, total: all.length, links: [] } },
    };
  }

  /** `GET /rest/dmpSegments/{id}`. */
  private getSegment(id: string): ServiceResponse {
    const s = this.stored.get(id);
    if (s === undefined) return restError(404, `DmpSegment ${id} does not exist`);
    return this.forbidden(s.account, "GET") ?? { status: 200, body: this.resource(s) };
  }

  // ---- members ----------------------------------------------------------

  /**
   * `POST /rest/dmpSegments/{id}/companies|users` with `X-RestLi-Method: BATCH_CREATE`
   * and `{ elements: […] }` (docs): ≤ 5,000 elements (Segment's and RudderStack's
   * adapters); per-member one-minute rate limits → 429 without Retry-After (docs:
   * users 600, companies 300); 404 for a segment created less than
   * `propagationDelayMs` ago (docs: wait ~5 s); 200 with `elements[i].status`
   * in input order, 201 for each applied element (adding a present member and
   * removing an absent one both 201, "by design").
   */
  private changeMembers(id: string, resource: "companies" | "users", request: ServiceRequest, record: FakeRequestRecord): ServiceResponse {
    const s = this.stored.get(id);
    const now = this.options.clock();
    if (s === undefined || now < s.createdAt + this.options.propagationDelayMs) return restError(404, `DmpSegment ${id} does not exist`);
    const denied = this.forbidden(s.account, "UPDATE");
    if (denied !== undefined) return denied;
    const type = resource === "companies" ? "COMPANY" : "USER";
    if (s.type !== type) return restError(400, `DmpSegment ${id} is a ${s.type} segment; ${resource} cannot be added to it`); // assumption
    // Assumption on the wording; the header is required for batch bodies (Rest.li).
    if (request.headers["x-restli-method"] !== "BATCH_CREATE") return restError(400, "a body of elements needs X-RestLi-Method: BATCH_CREATE");
    const b = request.body;
    if (!isObject(b) || !Array.isArray(b.elements) || Object.keys(b).length !== 1) return restError(400, "the body must be { elements: [...] }");
    const elements = b.elements as unknown[];
    record.batchSize = elements.length;
    if (elements.length > this.options.maxBatchSize)
      return restError(400, `${elements.length} elements is more than the ${this.options.maxBatchSize} a request may carry`);
    const limit = this.options.rateLimits[resource];
    if (!this.rates.take(resource, limit, this.options.rateLimits.windowMs)) {
      return restError(429, `Resource level throttle 1 MINUTE limit for calls to this resource is reached: ${limit} per member`);
    }
    for (let i = 0; i < elements.length; i++) {
      const problem = schemaProblem(elements[i], i, type);
      if (problem !== undefined) return restError(400, problem);
    }
    const digest = createHash("sha256")
      .update(`${resource}\n${JSON.stringify(b)}`)
      .digest("hex");
    const replay = s.applied.has(digest);
    s.applied.add(digest);
    record.replay = replay;
    let adds = 0;
    let removes = 0;
    let rejected = 0;
    const answers = elements.map((raw, i) => {
      const element = raw as Record<string, unknown>;
      const problem = (type === "COMPANY" ? companyValueProblem(element) : userValueProblem(element)) ?? this.options.rejectMember?.(element, type);
      if (problem !== undefined) {
        rejected++;
        this.refused.push({ requestIndex: record.index, method: record.method, path: record.path, status: 400, reason: problem, item: i });
        // Assumption: Rest.li batch-create item errors as { status, error: { status, message } }.
        return { status: 400, error: { status: 400, message: problem } };
      }
      const key = memberKey(element, type);
      if (element.action === "ADD") {
        adds++;
        if (s.members.has(key) && !replay) this.redundantAddCount++;
        s.members.set(key, { key, element });
      } else {
        removes++;
        if (!s.members.has(key) && !replay) this.redundantRemoveCount++;
        s.members.delete(key);
      }
      return { status: 201 };
    });
    record.adds = adds;
    record.removes = removes;
    record.rejectedItems = rejected;
    if (adds + removes > 0) s.changedAt = now;
    return { status: 200, body: { elements: answers } };
  }

  // ---- views ------------------------------------------------------------

  private nowMs(): number {
    return this.options.nowMs + (this.options.clock() - this.startClock);
  }

  private view(s: StoredSegment): FakeSegmentView {
    const members = [...s.members.values()];
    const matched = members.filter((m) => this.options.match(m, s.type)).length;
    const status = this.options.clock() < s.changedAt + this.options.processingDelayMs ? "BUILDING" : "READY";
    // Assumption: audienceSize equals the matched count (LinkedIn's differs: it counts reachable members).
    return { id: s.id, name: s.name, account: s.account, type: s.type, status, matchedCount: matched, audienceSize: matched, inputCount: members.length };
  }

  private resource(s: StoredSegment): Record<string, unknown> {
    const v = this.view(s);
    const epoch = (clock: number) => this.options.nowMs + (clock - this.startClock);
    return {
      id: Number(s.id),
      name: s.name,
      account: s.account,
      type: s.type,
      accessPolicy: s.accessPolicy,
      sourcePlatform: s.sourcePlatform,
      destinations: [{ destination: "LINKEDIN", status: v.status, destinationSegmentId: `urn:li:adSegment:${Number(s.id) + 1_000_000}` }],
      audienceSize: v.audienceSize,
      matchedCount: v.matchedCount,
      inputCount: v.inputCount,
      created: Math.round(epoch(s.createdAt)),
      lastModified: Math.round(epoch(s.changedAt)),
    };
  }
}
