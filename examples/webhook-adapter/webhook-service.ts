import { createHash, randomUUID } from "node:crypto";
import type { ServiceHandler, ServiceRequest, ServiceResponse } from "@abm-kit/destinations/testing";

/** The largest batch the webhook receiver takes. */
export const WEBHOOK_MAX_BATCH = 500;

interface StoredAudience {
  readonly id: string;
  readonly key: string;
  name: string;
  readonly type: "account" | "person";
  readonly members: Map<string, Record<string, unknown>>;
}

/** Options of the fake receiver. */
export interface WebhookServiceOptions {
  /** When set, every request must carry it in `x-gateway-key` (an API gateway in front of the receiver; assumption). */
  readonly gatewayKey?: string;
}

/**
 * An in-memory implementation of the webhook receiver's contract, strict the
 * way the real one is: it refuses requests without the gateway key (when one
 * is set), unknown clients, missing or stale tokens, batches without an
 * Idempotency-Key or over {@link WEBHOOK_MAX_BATCH}, and rejects members whose
 * identity is invalid. It remembers every Idempotency-Key for as long as it
 * runs (real services keep them for days): a replay gets the first answer
 * without being applied again, and a key sent again with a different body is
 * refused with 422 (as Stripe-style APIs do; assumption).
 */
export class WebhookService {
  readonly audiences = new Map<string, StoredAudience>();
  /** Applied adds of a member that was already present (outside replays). */
  redundantAdds = 0;
  /** Applied removes of a member that was not present (outside replays). */
  redundantRemoves = 0;
  /** Every access token ever issued (all secrets). */
  readonly issuedTokens: string[] = [];
  private readonly validTokens = new Set<string>();
  private readonly replays = new Map<string, { body: string; response: ServiceResponse }>();

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly options: WebhookServiceOptions = {},
  ) {}

  /** The member ids an audience holds (ascending), by its key (the abm-kit audience id). */
  membersOf(key: string): string[] {
    const audience = [...this.audiences.values()].find((a) => a.key === key);
    return audience === undefined ? [] : [...audience.members.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Makes every issued token stale (as a token expiring does). */
  expireTokens(): void {
    this.validTokens.clear();
  }

  /** The request handler (plug it into a server or the fault harness). */
  readonly handle: ServiceHandler = (request) => this.route(request);

  private route(request: ServiceRequest): ServiceResponse {
    if (this.options.gatewayKey !== undefined && request.headers["x-gateway-key"] !== this.options.gatewayKey)
      return { status: 403, body: { error: "forbidden" } };
    if (request.method === "POST" && request.path === "/oauth/token") return this.token(request);
    const auth = request.headers.authorization ?? "";
    const token = auth.startsWith("Bearer ") ? auth.slice(7) : "";
    if (!this.validTokens.has(token)) return { status: 401, body: { error: "invalid_token" } };
    const audienceMatch = /^\/v1\/audiences\/([^/]+)$/.exec(request.path);
    if (audienceMatch && request.method === "PUT") return this.upsertAudience(decodeURIComponent(audienceMatch[1]!), request.body);
    const membersMatch = /^\/v1\/audiences\/([^/]+)\/members$/.exec(request.path);
    if (membersMatch && request.method === "POST") return this.changeMembers(decodeURIComponent(membersMatch[1]!), request);
    if (membersMatch && request.method === "GET") {
      const audience = this.audiences.get(decodeURIComponent(membersMatch[1]!));
      if (audience === undefined) return { status: 404, body: { error: "no such audience" } };
      return { status: 200, body: { members: [...audience.members.keys()].sort() } };
    }
    return { status: 404, body: { error: "not found" } };
  }

  private token(request: ServiceRequest): ServiceResponse {
    const body = request.body as { grant_type?: string; client_id?: string; client_secret?: string } | undefined;
    if (body?.grant_type !== "client_credentials" || body.client_id !== this.clientId || body.client_secret !== this.clientSecret) {
      return { status: 400, body: { error: "invalid_client" } };
    }
    const token = `tok_${randomUUID().replaceAll("-", "")}`;
    this.issuedTokens.push(token);
    this.validTokens.add(token);
    return { status: 200, body: { access_token: token, token_type: "bearer", expires_in: 3600 } };
  }

  private upsertAudience(key: string, body: unknown): ServiceResponse {
    const b = body as { name?: unknown; type?: unknown } | undefined;
    if (typeof b?.name !== "string" || (b.type !== "account" && b.type !== "person")) {
      return { status: 400, body: { error: "name and type (account|person) are required" } };
    }
    const existing = [...this.audiences.values()].find((a) => a.key === key);
    if (existing !== undefined) {
      if (existing.type !== b.type) return { status: 409, body: { error: "an audience with this key has another type" } };
      existing.name = b.name;
      return { status: 200, body: { id: existing.id, created: false } };
    }
    const id = `aud_${this.audiences.size + 1}`;
    this.audiences.set(id, { id, key, name: b.name, type: b.type, members: new Map() });
    return { status: 200, body: { id, created: true } };
  }

  private changeMembers(id: string, request: ServiceRequest): ServiceResponse {
    const key = request.headers["idempotency-key"];
    if (key === undefined || key === "") return { status: 400, body: { error: "Idempotency-Key header is required" } };
    const bodyDigest = createHash("sha256")
      .update(JSON.stringify(request.body ?? null))
      .digest("hex");
    const replay = this.replays.get(`${id}:${key}`);
    if (replay !== undefined) {
      if (replay.body !== bodyDigest) return { status: 422, body: { error: "Idempotency-Key reused with a different request body" } };
      return replay.response;
    }
    const audience = this.audiences.get(id);
    if (audience === undefined) return { status: 404, body: { error: "no such audience" } };
    const body = request.body as { action?: unknown; members?: unknown } | undefined;
    if ((body?.action !== "add" && body?.action !== "remove") || !Array.isArray(body.members)) {
      return { status: 400, body: { error: "action (add|remove) and members[] are required" } };
    }
    if (body.members.length > WEBHOOK_MAX_BATCH) return { status: 413, body: { error: `at most ${WEBHOOK_MAX_BATCH} members per request` } };
    const results = body.members.map((raw: unknown) => {
      const member = raw as Record<string, unknown>;
      const memberId = typeof member.id === "string" ? member.id : "";
      const invalid = memberId === "" ? "id is required" : body.action === "add" ? this.invalidIdentity(audience.type, member) : undefined;
      if (invalid !== undefined) return { id: memberId, status: "rejected", reason: invalid };
      if (body.action === "add") {
        if (audience.members.has(memberId)) this.redundantAdds++;
        audience.members.set(memberId, member);
      } else {
        if (!audience.members.has(memberId)) this.redundantRemoves++;
        audience.members.delete(memberId);
      }
      return { id: memberId, status: "ok" };
    });
    const response: ServiceResponse = { status: 200, body: { results } };
    this.replays.set(`${id}:${key}`, { body: bodyDigest, response });
    return response;
  }

  private invalidIdentity(type: "account" | "person", member: Record<string, unknown>): string | undefined {
    if (type === "person") {
      return typeof member.email_sha256 === "string" && /^[0-9a-f]{64}$/.test(member.email_sha256)
        ? undefined
        : "email_sha256 must be 64 lower-case hex characters";
    }
    return typeof member.domain === "string" && member.domain.includes(".") ? undefined : "domain is required";
  }
}
