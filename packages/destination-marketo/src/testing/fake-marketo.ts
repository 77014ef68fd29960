import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import type { ServiceHandler, ServiceRequest, ServiceResponse } from "@abm-kit/destinations/testing";
import { fail, notFound, ok, skipped } from "./envelopes.js";
import { resolveFakeOptions, type FakeMarketoOptions, type ResolvedFakeOptions } from "./fake-options.js";
import type { FakeAccountListView, FakeLead, FakeNamedAccount, FakeRejection, FakeRequestKind, FakeRequestRecord, FakeStaticListView } from "./fake-records.js";
import { TokenStore } from "./token-store.js";

interface StaticList {
  readonly id: number;
  readonly name: string;
  readonly folder: { readonly id: number; readonly type: string };
  readonly members: Set<number>;
}

interface AccountList {
  readonly marketoGUID: string;
  readonly name: string;
  readonly members: Set<string>;
}

type Json = Record<string, unknown>;

/** Most records one call may carry (leads.md, list-membership.md, named-accounts.md, named-account-lists.md). */
const MAX_RECORDS = 300;
/** The longest URI (414 above: error-codes.md). */
const MAX_URI_BYTES = 8 * 1024;
/** The largest body (413 above: error-codes.md). */
const MAX_BODY_BYTES = 1024 * 1024;
/** Codes a call is not counted for against the daily quota (error-codes.md, the codes marked *). */
const NOT_COUNTED = new Set([601, 602, 604, 605, 608, 611]);
/** Named account fields (named-accounts.md, describe). */
const NAMED_ACCOUNT_FIELDS = new Set([
  "name",
  "annualRevenue",
  "city",
  "country",
  "domainName",
  "industry",
  "logoUrl",
  "numberOfEmployees",
  "sicCode",
  "state",
  "score1",
  "score2",
  "score3",
  "score4",
  "score5",
]);
const ASCII_EMAIL = /^[\x21-\x7e]+@[\x21-\x7e]+\.[\x21-\x7e]+$/;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

function kindOf(method: string, path: string, query: URLSearchParams): FakeRequestKind {
  if (path === "/identity/oauth/token") return "identity";
  if (path === "/rest/v1/leads.json") return method === "GET" || query.get("_method") === "GET" ? "getLeads" : "syncLeads";
  if (/^\/rest\/v1\/lists\/[^/]+\/leads\.json$/.test(path)) return method === "DELETE" ? "removeFromList" : "addToList";
  if (path === "/rest/asset/v1/staticLists.json" && method === "POST") return "createStaticList";
  if (/^\/rest\/asset\/v1\/staticList\/[^/]+\.json$/.test(path)) return "getStaticList";
  if (path === "/rest/asset/v1/folder/byName.json") return "getFolder";
  if (path === "/rest/v1/namedaccounts.json") return "syncNamedAccounts";
  if (path === "/rest/v1/namedAccountLists.json") return method === "GET" ? "getNamedAccountLists" : "createNamedAccountList";
  if (/^\/rest\/v1\/namedAccountList\/[^/]+\/namedAccounts\.json$/.test(path)) return "addToAccountList";
  if (/^\/rest\/v1\/namedAccountList\/[^/]+\/namedAccounts\/remove\.json$/.test(path)) return "removeFromAccountList";
  return "other";
}

/**
 * An in-memory Marketo Engage REST API (identity, leads, static lists, list
 * membership, folders, named accounts, named account lists) that accepts what
 * Marketo accepts and refuses what it refuses, with Marketo's envelopes: errors
 * are HTTP 200 with `success: false` and a quoted 6xx/7xx code; records are
 * `skipped` with 1xxx reasons. It enforces the bearer header (601 / 602), 300
 * records a call, 100 calls per 20 s (606), 10 calls at once (615), the daily
 * quota (607), 1 MB bodies (413) and 8 KB URIs (414), and — as Marketo does —
 * creates a duplicate lead when two syncs for one email overlap. Sources are
 * the AdobeDocs marketo-developer pages named on each rule; "assumption"
 * marks what they do not settle.
 */
export class FakeMarketo {
  private readonly options: ResolvedFakeOptions;
  private readonly tokens: TokenStore;
  private readonly startClock: number;
  private readonly leadsById = new Map<number, FakeLead>();
  private nextLeadId = 1001;
  private readonly lists = new Map<number, StaticList>();
  private nextListId = 1021;
  private readonly accounts = new Map<string, FakeNamedAccount>();
  private readonly accountLists = new Map<string, AccountList>();
  private nextGuid = 1;
  private readonly applied = new Set<string>();
  private readonly callsByDay = new Map<string, number>();
  private readonly windowStarts: number[] = [];
  private running = 0;
  private readonly log: FakeRequestRecord[] = [];
  private readonly refused: FakeRejection[] = [];
  private duplicates = 0;
  private redundant = 0;
  private maxRunning = 0;

  constructor(options: FakeMarketoOptions = {}) {
    // The fake's calendar defaults to the wall clock at start: it is a stand-in for a live service.
    this.options = resolveFakeOptions(
      options,
      () => new Date().toISOString(),
      () => performance.now(),
    );
    this.startClock = this.options.clock();
    this.tokens = new TokenStore(this.options.clock, this.options.accessTokenTtlMs);
    for (const lead of this.options.leads) this.createLead(lead);
  }

  /** The request handler (for `startFaultServer` or any node:http adapter). */
  readonly handle: ServiceHandler = async (request) => {
    const record: FakeRequestRecord = {
      index: this.log.length,
      method: request.method,
      path: request.path,
      kind: kindOf(request.method, request.path, request.query),
      status: 0,
    };
    this.log.push(record);
    const alreadyRunning = this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    let response: ServiceResponse;
    try {
      response = await this.admit(request, record, alreadyRunning);
      if (this.options.latencyMs > 0) await delay(this.options.latencyMs);
    } finally {
      this.running--;
    }
    record.status = response.status;
    const body = response.body as { success?: boolean; errors?: { code: string; message: string }[] } | undefined;
    if (response.status !== 200 || body?.success === false) {
      const code = body?.errors?.[0]?.code ?? String(response.status);
      if (body?.success === false) record.errorCode = code;
      this.refused.push({ requestIndex: record.index, path: record.path, code, reason: body?.errors?.[0]?.message ?? "" });
    }
    await this.options.onRequest?.(record);
    return response;
  };

  // ---- inspection -------------------------------------------------------

  /** Every request the fake answered, in order. */
  get requests(): readonly FakeRequestRecord[] {
    return this.log;
  }

  /** Every refusal: whole requests and single records. */
  get rejections(): readonly FakeRejection[] {
    return this.refused;
  }

  /** Leads created while another sync for the same email was running (Marketo's duplicates). */
  get duplicateLeadsCreated(): number {
    return this.duplicates;
  }

  /** Adds of a member a list already held, outside exact repeats of an earlier request (a client's retry). */
  get redundantAdds(): number {
    return this.redundant;
  }

  /** The most calls that ran at once. */
  get maxConcurrentCalls(): number {
    return this.maxRunning;
  }

  /** Every access token issued (secrets: look for them in logs). */
  get issuedAccessTokens(): readonly string[] {
    return this.tokens.issued;
  }

  /** Calls counted against the quota on the fake's current day. */
  callsToday(): number {
    return this.callsByDay.get(this.day()) ?? 0;
  }

  /** Counts `n` calls made by other integrations today (they share the quota). */
  spendQuota(n: number): void {
    this.callsByDay.set(this.day(), this.callsToday() + n);
  }

  /** Makes every access token issued so far expired (→ 602). */
  expireAccessTokens(): void {
    this.tokens.expireAll();
  }

  /** Every lead, by id. */
  leads(): FakeLead[] {
    return [...this.leadsById.values()].sort((a, b) => a.id - b.id);
  }

  /** The leads holding this email (lower-cased). */
  leadsWithEmail(email: string): FakeLead[] {
    const e = email.trim().toLowerCase();
    return this.leads().filter((l) => l.email === e);
  }

  /** Every static list, by id. */
  staticLists(): FakeStaticListView[] {
    return [...this.lists.values()].sort((a, b) => a.id - b.id).map((l) => ({ id: l.id, name: l.name, folder: l.folder, memberCount: l.members.size }));
  }

  /** The static list of this name, if any. */
  staticListNamed(name: string): FakeStaticListView | undefined {
    return this.staticLists().find((l) => l.name === name);
  }

  /** The lead ids a static list holds, ascending. */
  listMembers(listId: number): number[] {
    return [...(this.lists.get(listId)?.members ?? [])].sort((a, b) => a - b);
  }

  /** The emails of a static list's leads, sorted. */
  listMemberEmails(listId: number): string[] {
    return this.listMembers(listId)
      .map((id) => this.leadsById.get(id)?.email ?? "")
      .sort();
  }

  /** Deletes a static list (as a user could in Marketo). */
  deleteStaticList(id: number): void {
    this.lists.delete(id);
  }

  /** Every named account. */
  namedAccounts(): FakeNamedAccount[] {
    return [...this.accounts.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Every named account list. */
  namedAccountLists(): FakeAccountListView[] {
    return [...this.accountLists.values()].map((l) => ({ marketoGUID: l.marketoGUID, name: l.name, memberCount: l.members.size }));
  }

  /** The named account list of this name, if any. */
  namedAccountListNamed(name: string): FakeAccountListView | undefined {
    return this.namedAccountLists().find((l) => l.name === name);
  }

  /** The names of the named accounts a named account list holds, sorted. */
  accountListMemberNames(listGuid: string): string[] {
    return [...(this.accountLists.get(listGuid)?.members ?? [])].map((g) => this.accounts.get(g)?.name ?? "").sort();
  }

  // ---- admission: size, auth, quota, rate, concurrency -------------------

  private nowMs(): number {
    return this.options.nowMs + (this.options.clock() - this.startClock);
  }

  /** The quota's day: it "resets daily at 12:00AM CST" (error-codes.md, 607); taken as UTC−6 all year (assumption). */
  private day(): string {
    return new Date(this.nowMs() - 6 * 3600_000).toISOString().slice(0, 10);
  }

  private async admit(request: ServiceRequest, record: FakeRequestRecord, alreadyRunning: number): Promise<ServiceResponse> {
    // 414 above 8 KB of URI, 413 above 1 MB of body: the only HTTP-level errors of the REST API (error-codes.md)
    const query = request.query.toString();
    if (Buffer.byteLength(request.path) + (query === "" ? 0 : query.length + 1) > MAX_URI_BYTES)
      return { status: 414, body: { error: "Request-URI Too Long" } };
    const bodyBytes = request.body === undefined ? 0 : Buffer.byteLength(typeof request.body === "string" ? request.body : JSON.stringify(request.body));
    if (bodyBytes > MAX_BODY_BYTES) return { status: 413, body: { error: "Request Entity Too Large" } };
    if (record.kind === "identity") return this.identity(request);
    if (!request.path.startsWith("/rest/")) return { status: 404, body: { error: "Not Found" } };

    const token = this.tokenOf(request);
    const problem = token === undefined ? 601 : this.tokens.problemOf(token);
    if (problem !== undefined) return fail(problem, problem === 601 ? "Access token invalid" : "Access token expired");
    const day = this.day();
    const used = this.callsByDay.get(day) ?? 0;
    if (used >= this.options.dailyQuota) return fail(607, "Daily quota reached");
    const counted = (response: ServiceResponse): ServiceResponse => {
      const code = Number((response.body as { errors?: { code: string }[] } | undefined)?.errors?.[0]?.code ?? 0);
      record.counted = !NOT_COUNTED.has(code);
      if (record.counted) this.callsByDay.set(day, (this.callsByDay.get(day) ?? 0) + 1);
      return response;
    };
    // 100 calls in any 20 s (606) and 10 at once (615), per subscription (error-codes.md); refused calls do not enter the window (assumption)
    const now = this.options.clock();
    while (this.windowStarts.length > 0 && this.windowStarts[0]! <= now - this.options.rateLimit.windowMs) this.windowStarts.shift();
    if (this.windowStarts.length >= this.options.rateLimit.calls) {
      return counted(fail(606, `Max rate limit '${this.options.rateLimit.calls}' exceeded with in '${this.options.rateLimit.windowMs / 1000}' secs`));
    }
    if (alreadyRunning >= this.options.maxConcurrent) return counted(fail(615, "Concurrent access limit reached"));
    this.windowStarts.push(now);
    return counted(await this.route(request, record));
  }

  /**
   * The access token of a REST call: the `Authorization: Bearer` header
   * (authentication.md). The `access_token` query parameter counts only
   * before its removal (31 July 2026); after it, a call with no header has no token → 601 (assumption on the code).
   */
  private tokenOf(request: ServiceRequest): string | undefined {
    const header = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "")?.[1];
    if (header !== undefined) return header;
    const query = request.query.get("access_token");
    return query !== null && this.nowMs() < this.options.queryTokenRemovedAtMs ? query : undefined;
  }

  /**
   * `GET|POST /identity/oauth/token?grant_type=client_credentials&client_id&client_secret`
   * (authentication.md) → `{ access_token, token_type: "bearer", expires_in, scope }`;
   * bad client credentials → HTTP 401 (error-codes.md: "The identity endpoint may return a 401 Unauthorized error").
   */
  private identity(request: ServiceRequest): ServiceResponse {
    if (request.method !== "GET" && request.method !== "POST") return { status: 405, body: { error: "method_not_allowed" } };
    const q = request.query;
    if (q.get("grant_type") !== "client_credentials")
      return { status: 400, body: { error: "invalid_request", error_description: "grant_type must be client_credentials" } };
    if (q.get("client_id") !== this.options.clientId || q.get("client_secret") !== this.options.clientSecret) {
      return { status: 401, body: { error: "unauthorized", error_description: "Bad client credentials" } };
    }
    const { token, expiresInSeconds } = this.tokens.grant();
    return { status: 200, body: { access_token: token, token_type: "bearer", expires_in: expiresInSeconds, scope: "apis@abm-kit.test" } };
  }

  // ---- routing ----------------------------------------------------------

  private async route(request: ServiceRequest, record: FakeRequestRecord): Promise<ServiceResponse> {
    const { method } = request;
    // JSON bodies need an application/json content type (error-codes.md, 612); invalid JSON is 609
    const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    const form = type === "application/x-www-form-urlencoded";
    if ((method === "POST" || method === "PUT") && request.body !== undefined && !form) {
      if (type !== "application/json") return fail(612, "Invalid Content Type");
      if (typeof request.body === "string") return fail(609, "Invalid JSON");
    }
    switch (record.kind) {
      case "getLeads":
        // a GET's query may come as the form body of `POST …?_method=GET` (error-codes.md, 414)
        return this.getLeads(
          request.method === "POST" ? (form ? new URLSearchParams(String(request.body ?? "")) : new URLSearchParams()) : request.query,
          record,
        );
      case "syncLeads":
        return this.syncLeads(request.body, record);
      case "addToList":
      case "removeFromList":
        return method === "POST" || method === "DELETE" ? this.changeList(request, record) : fail(605, "HTTP Method not supported");
      case "getStaticList":
        return method === "GET" ? this.getStaticList(request) : fail(610, "Requested resource not found");
      case "createStaticList":
        return form ? this.createStaticList(String(request.body ?? "")) : fail(612, "Invalid Content Type");
      case "getFolder":
        return this.getFolder(request.query);
      case "syncNamedAccounts":
        return method === "POST" ? this.syncNamedAccounts(request.body, record) : fail(605, "HTTP Method not supported");
      case "getNamedAccountLists":
        return this.getAccountLists(request.query);
      case "createNamedAccountList":
        return this.createAccountLists(request.body, record);
      case "addToAccountList":
      case "removeFromAccountList":
        return this.changeAccountList(request, record);
      default:
        return fail(610, "Requested resource not found");
    }
  }

  // ---- leads ------------------------------------------------------------

  private createLead(fields: { readonly email: string } & Readonly<Record<string, unknown>>): FakeLead {
    const lead: FakeLead = { id: this.nextLeadId++, email: fields.email.trim().toLowerCase(), fields: { ...fields, email: fields.email.trim().toLowerCase() } };
    this.leadsById.set(lead.id, lead);
    return lead;
  }

  private leadView(lead: FakeLead, fields: readonly string[]): Json {
    const out: Json = { id: lead.id };
    for (const f of fields) if (f !== "id") out[f] = f === "email" ? lead.email : (lead.fields[f] ?? null);
    return out;
  }

  /**
   * `GET /rest/v1/leads.json?filterType=email&filterValues=a,b&fields=…&batchSize&nextPageToken`
   * (leads.md): at most 300 values (else 1003, assumption on the code);
   * `batchSize` ≤ 300; every lead matching a value, paged with `nextPageToken`.
   */
  private getLeads(query: URLSearchParams, record: FakeRequestRecord): ServiceResponse {
    const filterType = query.get("filterType");
    if (filterType === null || query.get("filterValues") === null) return fail(1003, "filterType and filterValues are required");
    if (filterType !== "email" && filterType !== "id") return fail(1003, `filterType '${filterType}' is not searchable in this fake`);
    const values = query
      .get("filterValues")!
      .split(",")
      .map((v) => v.trim().toLowerCase())
      .filter((v) => v !== "");
    record.batchSize = values.length;
    if (values.length > MAX_RECORDS) return fail(1003, `Too many filterValues: ${values.length} (at most ${MAX_RECORDS})`);
    const batchSize = Number(query.get("batchSize") ?? MAX_RECORDS);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_RECORDS) return fail(1003, "batchSize must be 1 to 300");
    const fields = (query.get("fields") ?? "id,email,firstName,lastName").split(",").map((f) => f.trim());
    const wanted = new Set(values);
    const matches = this.leads().filter((l) => (filterType === "email" ? wanted.has(l.email) : wanted.has(String(l.id))));
    const offset = Number(/^o(\d+)$/.exec(Buffer.from(query.get("nextPageToken") ?? "", "base64url").toString())?.[1] ?? 0);
    const page = matches.slice(offset, offset + batchSize);
    const next = offset + batchSize < matches.length ? { nextPageToken: Buffer.from(`o${offset + batchSize}`).toString("base64url") } : {};
    return ok(
      page.map((l) => this.leadView(l, fields)),
      next,
    );
  }

  /**
   * `POST /rest/v1/leads.json` `{ action, lookupField, input }` (leads.md):
   * at most 300 records (else 1003, assumption on the code); `action`
   * createOrUpdate (default) / createOnly / updateOnly / createDuplicate;
   * `lookupField` email (default). Per record, in input order: a field the
   * instance does not have → skipped 1006; no email → 1002; a non-ASCII email
   * → 1003; the email held by several leads → 1007; createOnly on an existing
   * lead → 1005; updateOnly without one → 1004. The existing leads are read
   * when the call arrives and written `syncLatencyMs` later: a sync that
   * overlaps another for the same email creates a second lead ("concurrent
   * upserts on the same key can create duplicates", leads.md).
   */
  private async syncLeads(body: unknown, record: FakeRequestRecord): Promise<ServiceResponse> {
    if (!isObject(body) || !Array.isArray(body.input)) return fail(1003, "input is required");
    const input = body.input as unknown[];
    record.batchSize = input.length;
    if (input.length > MAX_RECORDS) return fail(1003, `Batch of ${input.length} records exceeds the maximum of ${MAX_RECORDS}`);
    const action = (body.action ?? "createOrUpdate") as string;
    if (!["createOrUpdate", "createOnly", "updateOnly", "createDuplicate"].includes(action)) return fail(1003, `Invalid action '${action}'`);
    if ((body.lookupField ?? "email") !== "email") return fail(1003, "this fake looks leads up by email only");
    const seen = input.map((raw) => (isObject(raw) && typeof raw.email === "string" ? this.leadsWithEmail(raw.email).map((l) => l.id) : []));
    if (this.options.syncLatencyMs > 0) await delay(this.options.syncLatencyMs);
    const result = input.map((raw, i) => {
      const refuse = (code: number, message: string) => {
        this.refused.push({ requestIndex: record.index, path: record.path, code: String(code), reason: message, item: i });
        return skipped(code, message);
      };
      if (!isObject(raw)) return refuse(1003, "Invalid data");
      const unknown = Object.keys(raw).find((k) => !this.options.leadFields.has(k));
      if (unknown !== undefined) return refuse(1006, `Field '${unknown}' not found`);
      if (typeof raw.email !== "string" || raw.email.trim() === "") return refuse(1002, "Missing value for the required parameter 'email'");
      if (!ASCII_EMAIL.test(raw.email.trim())) return refuse(1003, "Invalid data");
      const existing = seen[i]!;
      if (existing.length > 1 && action !== "createDuplicate") return refuse(1007, "Multiple leads match the lookup criteria");
      if (existing.length === 1 && action !== "createDuplicate") {
        if (action === "createOnly") return refuse(1005, "Lead already exists");
        const lead = this.leadsById.get(existing[0]!)!;
        this.leadsById.set(lead.id, { ...lead, fields: { ...lead.fields, ...raw, email: lead.email } });
        return { id: lead.id, status: "updated" };
      }
      if (action === "updateOnly") return refuse(1004, "Lead not found");
      if (this.leadsWithEmail(raw.email).length > 0 && action !== "createDuplicate") this.duplicates++; // another sync created it meanwhile
      const lead = this.createLead(raw as { email: string });
      return { id: lead.id, status: "created" };
    });
    return ok(result);
  }

  // ---- static lists -------------------------------------------------------

  private listView(l: StaticList): Json {
    const at = new Date(this.nowMs()).toISOString().replace(/\.\d{3}Z$/, "Z+0000");
    return { id: l.id, name: l.name, createdAt: at, updatedAt: at, folder: l.folder, computedUrl: `https://app-fake.marketo.com/#ST${l.id}A1` };
  }

  /** `GET /rest/asset/v1/staticList/{id}.json` and `…/staticList/byName.json?name=` (static-lists.md; exact name match). */
  private getStaticList(request: ServiceRequest): ServiceResponse {
    const ref = /^\/rest\/asset\/v1\/staticList\/([^/]+)\.json$/.exec(request.path)![1]!;
    const list = ref === "byName" ? [...this.lists.values()].find((l) => l.name === request.query.get("name")) : this.lists.get(Number(ref));
    return list === undefined ? notFound() : ok([this.listView(list)]);
  }

  /**
   * `POST /rest/asset/v1/staticLists.json`, form-encoded `folder={"id":…,"type":…}&name&description`
   * (static-lists.md: folder and name required, the name unique). An unknown
   * folder → 710 "Parent Folder Not Found"; a taken name → 709 (assumption on the code).
   */
  private createStaticList(body: string): ServiceResponse {
    const form = new URLSearchParams(body);
    const name = form.get("name")?.trim();
    let folder: unknown;
    try {
      folder = JSON.parse(form.get("folder") ?? "");
    } catch {
      return fail(701, "folder cannot be blank");
    }
    if (name === undefined || name === "") return fail(701, "name cannot be blank");
    if (!isObject(folder) || typeof folder.id !== "number" || (folder.type !== "Folder" && folder.type !== "Program"))
      return fail(701, 'folder must be {"id":…,"type":"Folder"|"Program"}');
    if (!this.options.folders.some((f) => f.id === folder.id && f.type === folder.type)) return fail(710, "Parent Folder Not Found");
    if ([...this.lists.values()].some((l) => l.name === name)) return fail(709, `Static list name '${name}' is already in use`);
    const list: StaticList = { id: this.nextListId++, name, folder: { id: folder.id, type: folder.type }, members: new Set() };
    this.lists.set(list.id, list);
    return ok([this.listView(list)]);
  }

  /** `GET /rest/asset/v1/folder/byName.json?name&type` (folders.md). */
  private getFolder(query: URLSearchParams): ServiceResponse {
    const type = query.get("type");
    const folder = this.options.folders.find((f) => f.name === query.get("name") && (type === null || f.type === type));
    return folder === undefined ? notFound() : ok([{ id: folder.id, name: folder.name, type: folder.type, folderId: { id: folder.id, type: folder.type } }]);
  }

  /** True when an identical membership request was applied before (a client's retry); remembers this one. */
  private replayed(key: string, record: FakeRequestRecord): boolean {
    const digest = createHash("sha256").update(key).digest("hex");
    const replay = this.applied.has(digest);
    this.applied.add(digest);
    record.replay = replay;
    return replay;
  }

  /**
   * `POST` (add) / `DELETE` (remove) `/rest/v1/lists/{listId}/leads.json?id=…&id=…`
   * (list-membership.md), ids also accepted as `{ input: [{ id }] }`: at most 300
   * (else 1003, assumption on the code); an unknown list → 1013 (assumption).
   * `result[i]`: `added`; `removed`; `skipped` 1004 (no such lead) or 1015 (not in the list).
   * Adding a member already in the list answers `added` (assumption).
   */
  private changeList(request: ServiceRequest, record: FakeRequestRecord): ServiceResponse {
    const listId = Number(/^\/rest\/v1\/lists\/([^/]+)\/leads\.json$/.exec(request.path)![1]);
    const fromBody =
      isObject(request.body) && Array.isArray(request.body.input)
        ? (request.body.input as unknown[]).map((r) => (isObject(r) ? Number(r.id) : Number.NaN))
        : [];
    const ids = [...request.query.getAll("id").map(Number), ...fromBody];
    record.batchSize = ids.length;
    if (ids.length === 0) return fail(701, "id cannot be blank");
    if (ids.length > MAX_RECORDS) return fail(1003, `${ids.length} ids exceed the maximum of ${MAX_RECORDS}`);
    const list = this.lists.get(listId);
    if (list === undefined) return fail(1013, "Static list not found");
    const add = request.method === "POST";
    const replay = this.replayed(`${request.method} ${listId} ${ids.join(",")}`, record);
    return ok(
      ids.map((id, i) => {
        if (!this.leadsById.has(id)) {
          this.refused.push({ requestIndex: record.index, path: record.path, code: "1004", reason: "Lead not found", item: i });
          return skipped(1004, "Lead not found", { id });
        }
        if (add) {
          if (list.members.has(id) && !replay) this.redundant++;
          list.members.add(id);
          return { id, status: "added" };
        }
        if (!list.members.delete(id)) return skipped(1015, "Lead not in list", { id });
        return { id, status: "removed" };
      }),
    );
  }

  // ---- named accounts -----------------------------------------------------

  private guid(): string {
    return `00000000-0000-4000-8000-${String(this.nextGuid++).padStart(12, "0")}`;
  }

  /**
   * `POST /rest/v1/namedaccounts.json` `{ action, dedupeBy, input }` (named-accounts.md):
   * at most 300 records (else 1003, assumption); `action` createOrUpdate
   * (default), createOnly or updateOnly; `dedupeBy` only with updateOnly
   * (`dedupeFields` = name, `idField` = marketoGUID). `result[i]` has `seq`,
   * `status` created / updated and the `marketoGUID`, or skipped: 1006 (unknown
   * field), 1005 (createOnly, exists), 1013 (updateOnly, not found).
   */
  private syncNamedAccounts(body: unknown, record: FakeRequestRecord): ServiceResponse {
    if (!isObject(body) || !Array.isArray(body.input)) return fail(1003, "input is required");
    const input = body.input as unknown[];
    record.batchSize = input.length;
    if (input.length > MAX_RECORDS) return fail(1003, `Batch of ${input.length} records exceeds the maximum of ${MAX_RECORDS}`);
    const action = (body.action ?? "createOrUpdate") as string;
    if (!["createOrUpdate", "createOnly", "updateOnly"].includes(action)) return fail(1003, `Invalid action '${action}'`);
    if (body.dedupeBy !== undefined && action !== "updateOnly") return fail(1003, "dedupeBy may only be given with updateOnly");
    const byGuid = body.dedupeBy === "idField";
    return ok(
      input.map((raw, seq) => {
        const refuse = (code: number, message: string) => {
          this.refused.push({ requestIndex: record.index, path: record.path, code: String(code), reason: message, item: seq });
          return skipped(code, message, { seq });
        };
        if (!isObject(raw)) return refuse(1003, "Invalid data");
        const unknown = Object.keys(raw).find((k) => !NAMED_ACCOUNT_FIELDS.has(k) && !(byGuid && k === "marketoGUID"));
        if (unknown !== undefined) return refuse(1006, `Field '${unknown}' not found`);
        const existing = byGuid ? this.accounts.get(String(raw.marketoGUID)) : [...this.accounts.values()].find((a) => a.name === raw.name);
        if (!byGuid && (typeof raw.name !== "string" || raw.name.trim() === "")) return refuse(1002, "Missing value for the required parameter 'name'");
        if (existing !== undefined) {
          if (action === "createOnly") return refuse(1005, "Record already exists");
          this.accounts.set(existing.marketoGUID, { ...existing, fields: { ...existing.fields, ...raw } });
          return { seq, status: "updated", marketoGUID: existing.marketoGUID };
        }
        if (action === "updateOnly") return refuse(1013, "Record not found");
        const account: FakeNamedAccount = { marketoGUID: this.guid(), name: String(raw.name), fields: { ...raw } };
        this.accounts.set(account.marketoGUID, account);
        return { seq, status: "created", marketoGUID: account.marketoGUID };
      }),
    );
  }

  /** `GET /rest/v1/namedAccountLists.json?filterType=idField|dedupeFields&filterValues=a,b` (named-account-lists.md: the only two filter types). */
  private getAccountLists(query: URLSearchParams): ServiceResponse {
    const type = query.get("filterType");
    if (type !== "idField" && type !== "dedupeFields") return fail(1003, "filterType must be idField or dedupeFields");
    const values = (query.get("filterValues") ?? "").split(",").map((v) => v.trim());
    if (values.length > MAX_RECORDS) return fail(1003, `Too many filterValues: ${values.length}`);
    const found = [...this.accountLists.values()].filter((l) => values.includes(type === "idField" ? l.marketoGUID : l.name));
    const at = new Date(this.nowMs()).toISOString();
    return ok(found.map((l, seq) => ({ seq, marketoGUID: l.marketoGUID, name: l.name, createdAt: at, updatedAt: at, type: "default", updateable: true })));
  }

  /** `POST /rest/v1/namedAccountLists.json` `{ action: createOnly (default) | updateOnly, dedupeBy, input: [{ name }] }` (named-account-lists.md); an existing name → skipped 1017. */
  private createAccountLists(body: unknown, record: FakeRequestRecord): ServiceResponse {
    if (!isObject(body) || !Array.isArray(body.input)) return fail(1003, "input is required");
    const input = body.input as unknown[];
    record.batchSize = input.length;
    if (input.length > MAX_RECORDS) return fail(1003, `Batch of ${input.length} records exceeds the maximum of ${MAX_RECORDS}`);
    if ((body.action ?? "createOnly") !== "createOnly") return fail(1003, "this fake creates named account lists only");
    return ok(
      input.map((raw, seq) => {
        const name = isObject(raw) && typeof raw.name === "string" ? raw.name.trim() : "";
        if (name === "") return skipped(1002, "Missing value for the required parameter 'name'", { seq });
        if ([...this.accountLists.values()].some((l) => l.name === name)) return skipped(1017, "Object already exists", { seq });
        const list: AccountList = { marketoGUID: this.guid(), name, members: new Set() };
        this.accountLists.set(list.marketoGUID, list);
        return { seq, status: "created", marketoGUID: list.marketoGUID };
      }),
    );
  }

  /**
   * `POST /rest/v1/namedAccountList/{id}/namedAccounts.json` (add) and
   * `…/namedAccounts/remove.json` `{ input: [{ marketoGUID }] }` (named-account-lists.md:
   * "Accounts may only be added using their marketoGUID", up to 300). An
   * unknown list → 1013 (assumption); per record: added / removed, or skipped
   * 1013 (no such account) or 1015 (not in the list).
   */
  private changeAccountList(request: ServiceRequest, record: FakeRequestRecord): ServiceResponse {
    if (request.method !== "POST") return fail(605, "HTTP Method not supported");
    const listGuid = decodeURIComponent(/^\/rest\/v1\/namedAccountList\/([^/]+)\//.exec(request.path)![1]!);
    const body = request.body;
    if (!isObject(body) || !Array.isArray(body.input)) return fail(1003, "input is required");
    const input = body.input as unknown[];
    record.batchSize = input.length;
    if (input.length > MAX_RECORDS) return fail(1003, `Batch of ${input.length} records exceeds the maximum of ${MAX_RECORDS}`);
    const list = this.accountLists.get(listGuid);
    if (list === undefined) return fail(1013, "Named account list not found");
    const add = record.kind === "addToAccountList";
    const replay = this.replayed(`${record.kind} ${listGuid} ${JSON.stringify(input)}`, record);
    return ok(
      input.map((raw, seq) => {
        const guid = isObject(raw) ? String(raw.marketoGUID ?? "") : "";
        if (!this.accounts.has(guid)) return skipped(1013, "Record not found", { seq });
        if (add) {
          if (list.members.has(guid) && !replay) this.redundant++;
          list.members.add(guid);
          return { seq, marketoGUID: guid, status: "added" };
        }
        if (!list.members.delete(guid)) return skipped(1015, "Not in list", { seq });
        return { seq, marketoGUID: guid, status: "removed" };
      }),
    );
  }
}
