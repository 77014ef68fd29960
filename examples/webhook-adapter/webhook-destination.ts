import { defineDestination, secret, TerminalError, type AuthState, type MemberResult } from "@abm-kit/destinations";
import { z } from "zod";

/** Settings of the webhook destination. */
export const WebhookSettingsSchema = z.object({
  /** Base URL of the receiver, e.g. `https://hooks.example.com`. */
  endpoint: z.url(),
  clientId: z.string().min(1),
  clientSecret: secret(z.string().min(1)),
  /** Headers sent with every request, such as an API gateway key. Their values are secrets. */
  headers: z.record(z.string(), secret(z.string())).default({}),
  /** Per-request timeout (ms). */
  timeoutMs: z.number().int().positive().default(10_000),
});
/** Webhook settings after defaults. */
export type WebhookSettings = z.output<typeof WebhookSettingsSchema>;

interface TokenResponse {
  access_token?: string;
  expires_in?: number;
}

interface MembersResponse {
  results?: { id?: string; status?: string; reason?: string }[];
}

/**
 * A small complete adapter: a webhook receiver that keeps audiences keyed by
 * the abm-kit audience id. OAuth client credentials, find-or-create, batches
 * of up to 500 adds or removes with an Idempotency-Key (the runtime's key:
 * unique per intended application, so the receiver may keep keys forever),
 * a result per member. Requests go through `ctx.request`, which adds the
 * base URL, the gateway headers, the bearer token, the run's signal and the
 * timeout, and turns timeouts, resets, 429/5xx and 401 into the errors the
 * runtime retries or refreshes on. The settings type is inferred from the schema.
 */
export const webhookDestination = defineDestination({
  id: "webhook",
  name: "Webhook",
  description: "Posts audience membership changes to an HTTP endpoint.",
  settings: WebhookSettingsSchema,
  audienceTypes: ["account", "person"],
  identities: ["sha256Email", "companyDomain", "companyName"],
  delivery: { kind: "streaming", modes: ["full", "incremental"] },
  limits: { maxBatchSize: 500, maxConcurrency: 2, requestsPerWindow: { requests: 100, windowMs: 1000 } },
  marketingActions: ["exportToThirdParty"],
  mappingTargets: {
    person: [
      { name: "email_sha256", identity: "sha256Email", required: true },
      { name: "first_name", maxLength: 35 },
      { name: "last_name", maxLength: 35 },
      { name: "title", maxLength: 50 },
    ],
    account: [{ name: "domain", identity: "companyDomain", required: true }, { name: "name", identity: "companyName" }, { name: "industry" }],
  },
  retry: { maxAttempts: 12, baseDelayMs: 200, maxDelayMs: 30_000 },

  http: {
    baseUrl: (settings) => settings.endpoint,
    headers: (settings) => settings.headers,
    timeoutMs: (settings) => settings.timeoutMs,
  },

  async authenticate(ctx): Promise<AuthState> {
    const { body } = await ctx.request({
      method: "POST",
      path: "/oauth/token",
      json: { grant_type: "client_credentials", client_id: ctx.settings.clientId, client_secret: ctx.settings.clientSecret },
      auth: false,
    });
    const token = body as TokenResponse | undefined;
    if (typeof token?.access_token !== "string") throw new TerminalError("AUTH_FAILED", "the token response has no access_token");
    return { accessToken: token.access_token };
  },

  async ensureAudience(ctx, audience) {
    const { body } = await ctx.request({
      method: "PUT",
      path: `/v1/audiences/${encodeURIComponent(audience.audienceId)}`,
      json: { name: audience.audienceName, type: audience.type },
    });
    const found = body as { id?: string; created?: boolean } | undefined;
    if (typeof found?.id !== "string") throw new TerminalError("BAD_RESPONSE", "the audience response has no id");
    return { externalId: found.id, created: found.created === true };
  },

  async sendBatch(ctx, batch): Promise<MemberResult[]> {
    const { body } = await ctx.request({
      method: "POST",
      path: `/v1/audiences/${encodeURIComponent(batch.externalId)}/members`,
      headers: { "idempotency-key": batch.idempotencyKey },
      json: { action: batch.action, members: batch.members.map((m) => ({ id: m.memberId, ...m.fields })) },
    });
    const byId = new Map(((body as MembersResponse | undefined)?.results ?? []).map((r) => [r.id, r]));
    return batch.members.map((m): MemberResult => {
      const r = byId.get(m.memberId);
      if (r?.status === "ok") return { memberId: m.memberId, ok: true };
      if (r?.status === "retry") return { memberId: m.memberId, ok: false, retryable: true, code: "RETRY", message: r.reason ?? "try again" };
      return { memberId: m.memberId, ok: false, retryable: false, code: "REJECTED", message: r?.reason ?? "no result for this member" };
    });
  },
});
