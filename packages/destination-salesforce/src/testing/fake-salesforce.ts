import { randomBytes } from "node:crypto";
import type { ServiceRequest, ServiceResponse } from "@abm-kit/destinations/testing";
import { checkGrant, newCredentials, type FakeCredentials } from "./fake-auth.js";
import { fakeId } from "./fake-ids.js";
import { jobInfo, processJob, resultCsv, type FakeJob } from "./fake-bulk.js";
import { FakeOrg, type FakeField, type SaveOutcome } from "./fake-org.js";
import { fieldsOf, matches, parseSoql, SoqlError } from "./fake-soql.js";
import { restError } from "./error-bodies.js";

/** Options of the fake org. */
export interface FakeSalesforceOptions {
  /** The fake's moment (ISO), for JWT expiry checks. Default 2026-12-01T09:00:00Z. */
  readonly now?: string;
  /** Record ids that exist in the org from the start. */
  readonly accounts?: readonly string[];
  readonly contacts?: readonly string[];
  readonly leads?: readonly string[];
  /** Custom fields of the org (default: `ABM_Audiences__c`, a multi-select picklist, on Account, Contact and Lead). */
  readonly customFields?: readonly { readonly object: string; readonly field: FakeField }[];
  /** The org's API requests allowed per rolling 24 hours (`Sforce-Limit-Info`); past it, 403 `REQUEST_LIMIT_EXCEEDED`. Default 15,000. */
  readonly dailyLimit?: number;
  /** Requests already counted against the daily limit. Default 0. */
  readonly apiUsed?: number;
  /** A session (access token) answers `INVALID_SESSION_ID` after this many API requests. Default: never. */
  readonly sessionRequests?: number;
  /** Polls of a closed Bulk job before it is `JobComplete` (it goes UploadComplete → InProgress → JobComplete). Default 2. */
  readonly bulkPolls?: number;
  /** A Bulk job processes this many rows and leaves the rest unprocessed. Default: all. */
  readonly unprocessAfter?: number;
  /** Records per query answer; more are paged with `nextRecordsUrl` (Salesforce: 2,000 by default). Default 2,000. */
  readonly queryPageSize?: number;
  /** The oldest API version served (v31.0: sObject Collections need v42.0+). Default 42. */
  readonly minApiVersion?: number;
}

/** One request the fake served, for inspection. */
export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  /** `token`, `query`, `describe`, `campaign`, `collections`, `retrieve`, `bulk-create`, `bulk-upload`, `bulk-close`, `bulk-poll`, `bulk-results`, `other`. */
  readonly kind: string;
  /** Records in a collections write, or rows in a Bulk upload. */
  readonly records: number;
  readonly status: number;
}

const DATA = /^\/services\/data\/v(\d+)\.0(\/.*)$/;
const COLLECTIONS_MAX = 200; // sObject Collections: up to 200 records (REST API guide, "sObject Collections")
const RETRIEVE_MAX = 2000; // POST retrieve: up to 2,000 ids (REST API guide, "Retrieve Multiple Records with Fewer Round-Trips")

/**
 * A contract-faithful fake of the Salesforce REST API and Bulk API 2.0 parts
 * the adapter uses. It accepts what Salesforce accepts and refuses what
 * Salesforce refuses, with Salesforce's statuses and error arrays:
 * missing or stale sessions (401 `INVALID_SESSION_ID`), the daily API limit
 * (403 `REQUEST_LIMIT_EXCEEDED`, `Sforce-Limit-Info` on every answer), more
 * than 200 records in a collections request (400 `EXCEEDED_ID_LIMIT`),
 * per-record errors (`DUPLICATE_VALUE` for an existing campaign member,
 * `INVALID_FIELD`, `ENTITY_IS_DELETED`, `UNABLE_TO_LOCK_ROW`), bad SOQL, and the
 * Bulk 2.0 job lifecycle (one upload per job, processing only after
 * `UploadComplete`, results only when complete, line endings that must match).
 */
export class FakeSalesforce {
  readonly org = new FakeOrg();
  readonly credentials: FakeCredentials & { readonly publicKey: import("node:crypto").KeyObject };
  readonly requests: FakeRequest[] = [];
  readonly jobs = new Map<string, FakeJob>();
  /** Access tokens handed out (valid or not). */
  readonly issuedAccessTokens: string[] = [];
  private readonly sessions = new Map<string, number>();
  /** Filled in when the server listens: the `instance_url` and token audience. */
  url = "";
  apiUsed: number;
  dailyLimit: number;
  private jobCounter = 0;
  private readonly cursors = new Map<string, unknown[]>();

  constructor(private readonly options: FakeSalesforceOptions = {}) {
    this.credentials = newCredentials();
    this.apiUsed = options.apiUsed ?? 0;
    this.dailyLimit = options.dailyLimit ?? 15_000;
    for (const id of options.accounts ?? []) this.org.seed("Account", id, { Name: `Account ${id}` });
    for (const id of options.contacts ?? []) this.org.seed("Contact", id);
    for (const id of options.leads ?? []) this.org.seed("Lead", id);
    const custom =
      options.customFields ??
      ["Account", "Contact", "Lead"].map((object) => ({ object, field: { name: "ABM_Audiences__c", type: "multipicklist" as const, updateable: true } }));
    for (const { object, field } of custom) this.org.addField(object, field);
  }

  /** Makes every session handed out so far stale (the next API call answers 401 `INVALID_SESSION_ID`). */
  expireSessions(): void {
    for (const token of this.sessions.keys()) this.sessions.set(token, 0);
  }

  /** The campaign members of a campaign: their Contact or Lead ids, sorted. */
  campaignMembers(campaignId: string): string[] {
    return this.org
      .all("CampaignMember")
      .filter((m) => m.CampaignId === campaignId)
      .map((m) => String(m.ContactId ?? m.LeadId))
      .sort();
  }

  /** The campaigns of the org. */
  campaigns(): { id: string; name: string }[] {
    return this.org.all("Campaign").map((c) => ({ id: String(c.Id), name: String(c.Name) }));
  }

  /** Ids of the records of `object` whose names field holds `name` (or whose checkbox `field` is true), sorted. */
  withMembership(object: string, field: string, name?: string): string[] {
    return this.org
      .all(object)
      .filter((r) => {
        const v = this.org.value(r, field);
        return name === undefined ? v === true : typeof v === "string" && v.split(";").includes(name);
      })
      .map((r) => String(r.Id))
      .sort();
  }

  /** Answers one request (the fault server calls this). */
  async handle(request: ServiceRequest): Promise<ServiceResponse> {
    const response = this.route(request);
    this.requests.push({ method: request.method, path: request.path, kind: response.kind, records: response.records, status: response.answer.status });
    return response.answer;
  }

  private route(request: ServiceRequest): { kind: string; records: number; answer: ServiceResponse } {
    if (request.path === "/services/oauth2/token" && request.method === "POST") return { kind: "token", records: 0, answer: this.token(request) };
    const match = DATA.exec(request.path);
    if (match === null) return { kind: "other", records: 0, answer: restError(404, "NOT_FOUND", "The requested resource does not exist") };
    // An unsupported version is answered 404 (REST API guide, "Versions").
    if (Number(match[1]) < (this.options.minApiVersion ?? 42))
      return { kind: "other", records: 0, answer: restError(404, "NOT_FOUND", "The requested resource does not exist") };
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    const left = token === undefined ? undefined : this.sessions.get(token);
    if (left === undefined || left <= 0) return { kind: "session", records: 0, answer: restError(401, "INVALID_SESSION_ID", "Session expired or invalid") };
    this.sessions.set(token!, left - 1);
    // Every API request counts against the rolling 24-hour limit; past it Salesforce answers 403 REQUEST_LIMIT_EXCEEDED.
    if (this.apiUsed >= this.dailyLimit)
      return { kind: "limit", records: 0, answer: this.withUsage(restError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")) };
    this.apiUsed++;
    const routed = this.api(request, match[2]!);
    return { ...routed, answer: this.withUsage(routed.answer) };
  }

  private withUsage(answer: ServiceResponse): ServiceResponse {
    // Every REST answer carries Sforce-Limit-Info: api-usage=N/M (REST API guide, "Limit Info Header").
    return { ...answer, headers: { ...answer.headers, "sforce-limit-info": `api-usage=${this.apiUsed}/${this.dailyLimit}` } };
  }

  private token(request: ServiceRequest): ServiceResponse {
    const form = new URLSearchParams(typeof request.body === "string" ? request.body : "");
    if (!(request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded"))
      return { status: 400, body: { error: "invalid_request", error_description: "must use application/x-www-form-urlencoded" } };
    const refused = checkGrant(form, this.credentials, this.url, Date.parse(this.options.now ?? "2026-12-01T09:00:00.000Z"));
    if (refused !== undefined) return refused;
    const accessToken = `00D000000000001!${randomBytes(24).toString("base64url")}`;
    this.issuedAccessTokens.push(accessToken);
    this.sessions.set(accessToken, this.options.sessionRequests ?? Number.POSITIVE_INFINITY);
    return {
      status: 200,
      body: {
        access_token: accessToken,
        instance_url: this.url,
        id: `${this.url}/id/00D000000000001/005000000000001`,
        token_type: "Bearer",
        issued_at: "1764579600000",
        signature: randomBytes(16).toString("base64"),
      },
    };
  }

  private api(request: ServiceRequest, path: string): { kind: string; records: number; answer: ServiceResponse } {
    const { method } = request;
    const none = (kind: string, answer: ServiceResponse) => ({ kind, records: 0, answer });
    if (path === "/query" && method === "GET") return none("query", this.query(request.query.get("q") ?? "", request.path.slice(0, -path.length)));
    const page = /^\/query\/(01g\w+)$/.exec(path);
    if (page !== null && method === "GET") return none("query", this.nextPage(page[1]!, request.path.slice(0, -path.length)));
    let m = /^\/sobjects\/(\w+)\/describe$/.exec(path);
    if (m !== null && method === "GET") {
      const fields = this.org.describe(m[1]!);
      return none(
        "describe",
        fields === undefined ? restError(404, "NOT_FOUND", `The requested resource does not exist`) : { status: 200, body: { name: m[1], fields } },
      );
    }
    if (path === "/sobjects/Campaign" && method === "POST") {
      const outcome = this.org.insert("Campaign", (request.body ?? {}) as Record<string, unknown>);
      return none(
        "campaign",
        outcome.errors.length > 0
          ? { status: 400, body: outcome.errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })) }
          : { status: 201, body: { id: outcome.id, success: true, errors: [] } },
      );
    }
    m = /^\/sobjects\/Campaign\/(\w+)$/.exec(path);
    if (m !== null && method === "GET") {
      const record = this.org.get("Campaign", m[1]!);
      return none(
        "campaign",
        record === undefined
          ? restError(404, "NOT_FOUND", "The requested resource does not exist")
          : { status: 200, body: { attributes: { type: "Campaign" }, Id: record.Id } },
      );
    }
    if (path === "/composite/sobjects") return this.collections(request);
    m = /^\/composite\/sobjects\/(\w+)$/.exec(path);
    if (m !== null && method === "POST") return none("retrieve", this.retrieve(m[1]!, request.body));
    if (path === "/jobs/ingest" && method === "POST") return none("bulk-create", this.createJob(request.body));
    m = /^\/jobs\/ingest\/(\w+)(?:\/(batches|successfulResults|failedResults|unprocessedrecords))?\/?$/.exec(path);
    if (m !== null) {
      const job = this.jobs.get(m[1]!);
      if (job === undefined) return none("bulk", restError(404, "NOT_FOUND", "The requested resource does not exist"));
      return this.jobRequest(job, method, m[2], request);
    }
    return none("other", restError(404, "NOT_FOUND", "The requested resource does not exist"));
  }

  /** One page of a query's records, with `nextRecordsUrl` when more are left (REST API guide, "Execute a SOQL Query"). */
  private page(records: unknown[], prefix: string): ServiceResponse {
    const size = this.options.queryPageSize ?? 2000;
    const body: Record<string, unknown> = { totalSize: records.length, done: records.length <= size, records: records.slice(0, size) };
    if (records.length > size) {
      const locator = `01g${String(this.cursors.size + 1).padStart(15, "0")}`;
      this.cursors.set(locator, records.slice(size));
      body.nextRecordsUrl = `${prefix}/query/${locator}`;
    }
    return { status: 200, body };
  }

  private nextPage(locator: string, prefix: string): ServiceResponse {
    const rest = this.cursors.get(locator);
    if (rest === undefined) return restError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
    this.cursors.delete(locator);
    return this.page(rest, prefix);
  }

  private query(soql: string, prefix: string): ServiceResponse {
    let q;
    try {
      q = parseSoql(soql);
    } catch (error) {
      return restError(400, "MALFORMED_QUERY", error instanceof SoqlError ? error.message : "unexpected token");
    }
    if (this.org.describe(q.object) === undefined) return restError(400, "INVALID_TYPE", `sObject type '${q.object}' is not supported.`);
    for (const f of [...q.fields, ...fieldsOf(q.where)]) {
      if (this.org.field(q.object, f) === undefined) return restError(400, "INVALID_FIELD", `No such column '${f}' on entity '${q.object}'.`);
    }
    const records = this.org
      .all(q.object)
      .filter((r) => matches(q.where, (f) => this.org.value(r, f)))
      .sort((a, b) => String(a.Id).localeCompare(String(b.Id)))
      .slice(0, q.limit ?? Number.MAX_SAFE_INTEGER)
      .map((r) => ({
        attributes: { type: q.object },
        ...Object.fromEntries(q.fields.map((f) => [this.org.field(q.object, f)!.name, this.org.value(r, f) ?? null])),
      }));
    return this.page(records, prefix);
  }

  private collections(request: ServiceRequest): { kind: string; records: number; answer: ServiceResponse } {
    const { method } = request;
    const result = (o: SaveOutcome) => ({ id: o.id, success: o.errors.length === 0, errors: o.errors });
    if (method === "DELETE") {
      const ids = (request.query.get("ids") ?? "").split(",").filter((id) => id !== "");
      if (ids.length > COLLECTIONS_MAX)
        return {
          kind: "collections",
          records: ids.length,
          answer: restError(400, "EXCEEDED_ID_LIMIT", `record limit reached. cannot submit more than ${COLLECTIONS_MAX} records into this call`),
        };
      return { kind: "collections", records: ids.length, answer: { status: 200, body: ids.map((id) => result(this.org.delete(id))) } };
    }
    if (method !== "POST" && method !== "PATCH")
      return { kind: "collections", records: 0, answer: restError(405, "METHOD_NOT_ALLOWED", `HTTP Method '${method}' not allowed`) };
    const body = request.body as { allOrNone?: unknown; records?: unknown } | undefined;
    if (body === undefined || typeof body !== "object" || !Array.isArray(body.records))
      return { kind: "collections", records: 0, answer: restError(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of records") };
    const records = body.records as Record<string, unknown>[];
    // More than 200 records are refused as a whole (restforce's ErrorCode::ExceededIdLimit; message an assumption).
    if (records.length > COLLECTIONS_MAX)
      return {
        kind: "collections",
        records: records.length,
        answer: restError(400, "EXCEEDED_ID_LIMIT", `record limit reached. cannot submit more than ${COLLECTIONS_MAX} records into this call`),
      };
    const outcomes = records.map((r) => {
      const type = (r.attributes as { type?: unknown } | undefined)?.type;
      if (typeof type !== "string")
        return { id: null, errors: [{ statusCode: "INVALID_TYPE", message: "Must send a concrete entity type.", fields: [] }] } as SaveOutcome;
      return method === "POST" ? this.org.insert(type, r) : this.org.update(type, r);
    });
    // allOrNone: true would roll back everything on any failure; the adapter always sends false (per-record results, request order).
    return { kind: "collections", records: records.length, answer: { status: 200, body: outcomes.map(result) } };
  }

  private retrieve(object: string, body: unknown): ServiceResponse {
    const b = body as { ids?: unknown; fields?: unknown } | undefined;
    if (!Array.isArray(b?.ids) || !Array.isArray(b?.fields)) return restError(400, "JSON_PARSER_ERROR", "ids and fields are required");
    if (b.ids.length > RETRIEVE_MAX) return restError(400, "EXCEEDED_ID_LIMIT", `cannot retrieve more than ${RETRIEVE_MAX} records`);
    for (const f of b.fields)
      if (this.org.field(object, String(f)) === undefined) return restError(400, "INVALID_FIELD", `No such column '${String(f)}' on entity '${object}'.`);
    // Ids that name no record answer null in their place (REST API guide, sObject Collections retrieve).
    return {
      status: 200,
      body: b.ids.map((id) => {
        const r = this.org.get(object, String(id));
        return r === undefined
          ? null
          : {
              attributes: { type: object },
              ...Object.fromEntries((b.fields as string[]).map((f) => [this.org.field(object, f)!.name, this.org.value(r, f) ?? null])),
            };
      }),
    };
  }

  private createJob(body: unknown): ServiceResponse {
    const b = (body ?? {}) as { object?: unknown; operation?: unknown; contentType?: unknown; lineEnding?: unknown };
    if (typeof b.object !== "string" || this.org.describe(b.object) === undefined)
      return restError(400, "INVALIDENTITY", `Entity '${String(b.object)}' is not supported by the Bulk API.`);
    if (b.operation !== "insert" && b.operation !== "update" && b.operation !== "delete")
      return restError(400, "INVALIDJOB", `Unsupported operation ${String(b.operation)}`);
    if (b.contentType !== undefined && b.contentType !== "CSV") return restError(400, "INVALIDJOB", "contentType must be CSV");
    const lineEnding = b.lineEnding === "CRLF" ? "CRLF" : "LF";
    const id = fakeId("Job", ++this.jobCounter);
    const job: FakeJob = {
      id,
      object: b.object,
      operation: b.operation,
      lineEnding,
      state: "Open",
      data: undefined,
      uploads: 0,
      polls: 0,
      successful: [],
      failed: [],
      unprocessed: [],
      columns: [],
      numberRecordsProcessed: 0,
      numberRecordsFailed: 0,
    };
    this.jobs.set(id, job);
    return { status: 200, body: jobInfo(job) };
  }

  private jobRequest(
    job: FakeJob,
    method: string,
    part: string | undefined,
    request: ServiceRequest,
  ): { kind: string; records: number; answer: ServiceResponse } {
    if (part === "batches" && method === "PUT") {
      // Data only while the job is Open, and one upload per job (from practice, reference/destinations.md; status an assumption).
      if (job.state !== "Open" || job.data !== undefined)
        return {
          kind: "bulk-upload",
          records: 0,
          answer: restError(
            409,
            "INVALIDJOBSTATE",
            `Job is ${job.state === "Open" ? "already holding data" : `in state ${job.state}`}; data can be uploaded once, to an Open job`,
          ),
        };
      if (!(request.headers["content-type"] ?? "").startsWith("text/csv"))
        return { kind: "bulk-upload", records: 0, answer: restError(400, "INVALIDCONTENTTYPE", "Content-Type must be text/csv") };
      const data = typeof request.body === "string" ? request.body : JSON.stringify(request.body ?? "");
      job.data = data;
      job.uploads++;
      const rows = Math.max(0, data.split("\n").filter((l) => l !== "").length - 1);
      return { kind: "bulk-upload", records: rows, answer: { status: 201 } };
    }
    if (part === undefined && method === "PATCH") {
      const state = (request.body as { state?: unknown } | undefined)?.state;
      if (state === "Aborted" && ["Open", "UploadComplete"].includes(job.state)) job.state = "Aborted";
      else if (state === "UploadComplete" && job.state === "Open") {
        job.state = "UploadComplete";
        if (job.data === undefined) (job.state = "Failed"), (job.errorMessage = "No data was uploaded to the job");
      } else
        return { kind: "bulk-close", records: 0, answer: restError(409, "INVALIDJOBSTATE", `Cannot change the job from ${job.state} to ${String(state)}`) };
      return { kind: "bulk-close", records: 0, answer: { status: 200, body: jobInfo(job) } };
    }
    if (part === undefined && method === "GET") {
      // Processing starts only after UploadComplete (reference/destinations.md); it takes `bulkPolls` polls here.
      if (job.state === "UploadComplete" || job.state === "InProgress") {
        job.polls++;
        if (job.polls >= (this.options.bulkPolls ?? 2)) processJob(job, this.org, this.options.unprocessAfter);
        else job.state = "InProgress";
      }
      return { kind: "bulk-poll", records: 0, answer: { status: 200, body: jobInfo(job) } };
    }
    if (part !== undefined && part !== "batches" && method === "GET") {
      if (job.state !== "JobComplete" && job.state !== "Failed")
        return {
          kind: "bulk-results",
          records: 0,
          answer: restError(409, "INVALIDJOBSTATE", `Results are available once the job is complete; it is ${job.state}`),
        };
      const text =
        part === "successfulResults"
          ? resultCsv(["sf__Id", "sf__Created", ...job.columns], job.successful)
          : part === "failedResults"
            ? resultCsv(["sf__Id", "sf__Error", ...job.columns], job.failed)
            : resultCsv(job.columns, job.unprocessed);
      return { kind: "bulk-results", records: 0, answer: { status: 200, headers: { "content-type": "text/csv" }, text } };
    }
    return { kind: "bulk", records: 0, answer: restError(405, "METHOD_NOT_ALLOWED", `HTTP Method '${method}' not allowed`) };
  }
}
