import { defineDestination } from "@abm-kit/destinations";
import { authenticate } from "./auth/authenticate.js";
import { findOrCreateCampaign } from "./campaign/find-or-create-campaign.js";
import { ensureField } from "./field/ensure-field.js";
import { salesforceHttp } from "./http/salesforce-http.js";
import { KEYS_TARGET, sendMembers, targetOf } from "./members/send-members.js";
import { DEFAULT_MAX_BATCH_SIZE, SalesforceSettingsSchema } from "./settings.js";

const keysTarget = (entity: "account" | "person") => ({
  name: KEYS_TARGET,
  type: "strings" as const,
  identity: "salesforce:recordId",
  required: true,
  description: `Map ${entity}.sourceKeys: the Salesforce ${entity === "account" ? "Account" : "Contact or Lead"} id is taken from the key salesforce/<org>/<object>/<id>.`,
});

/**
 * Salesforce: person audiences as members of one Campaign per audience (or a
 * membership field on Contact / Lead), account audiences as a membership
 * field on Account — a checkbox per audience, or one multi-select / text
 * field holding the audience names, set and cleared without disturbing the
 * other audiences' names. Members are matched by the Salesforce ids in their
 * source keys (map `person.sourceKeys` / `account.sourceKeys` to
 * `salesforceKeys`); anyone without one is reported `SALESFORCE_NOT_MATCHABLE`.
 * Batches up to `bulkThreshold` members go through sObject Collections (≤ 200
 * records a request, `allOrNone: false`, per-record results); larger ones
 * through one Bulk API 2.0 ingest job. Authentication: client credentials,
 * JWT bearer (RS256) or refresh token; `INVALID_SESSION_ID` refreshes once,
 * `UNABLE_TO_LOCK_ROW` and 5xx retry, `REQUEST_LIMIT_EXCEEDED` stops the run
 * (status `stopped`, resumable). A membership field missing from the org stops
 * the run before anything is written, naming the field and the object.
 *
 * @example
 * ```ts
 * import { buildSnapshot } from "@abm-kit/core";
 * import { activate, MemoryStateStore } from "@abm-kit/destinations";
 * import { salesforceDestination } from "@abm-kit/destination-salesforce";
 * import { startFakeSalesforce } from "@abm-kit/destination-salesforce/testing";
 *
 * const now = "2026-12-01T09:00:00.000Z";
 * // a local Salesforce org on 127.0.0.1; use your own loginUrl and auth to talk to the real service
 * const salesforce = await startFakeSalesforce({ contacts: ["0035g00000AbCdEAAZ"] });
 * const snapshot = buildSnapshot(
 *   { persons: [{ id: "p-1", email: "ada@acme.com", sourceKeys: [{ system: "salesforce", object: "Contact", id: "0035g00000AbCdEAAZ" }] }] },
 *   { asOf: now },
 * );
 * const report = await activate(
 *   {
 *     id: "buyers-to-salesforce",
 *     destination: { id: "salesforce", settings: salesforce.settings() },
 *     audiences: [{ audienceId: "buyers" }],
 *     mapping: { person: [{ source: "person.sourceKeys", target: "salesforceKeys" }] },
 *   },
 *   { destination: salesforceDestination, snapshot, audiences: [{ audienceId: "buyers", audienceName: "Buyers", type: "person", memberIds: ["p-1"] }], now, state: new MemoryStateStore() },
 * );
 * console.log(report.totals.exported); // 1
 * console.log(salesforce.fake.campaignMembers(report.audiences[0]!.externalId!)); // ["0035g00000AbCdEAAZ"]
 * await salesforce.close();
 * ```
 */
export const salesforceDestination = defineDestination({
  id: "salesforce",
  name: "Salesforce",
  description: "Person audiences as Campaign members, account (and person) audiences as membership fields, through sObject Collections or Bulk API 2.0.",
  settings: SalesforceSettingsSchema,
  audienceTypes: ["account", "person"],
  identities: ["salesforce:recordId"],
  delivery: { kind: "streaming", modes: ["full", "incremental"] },
  limits: { maxBatchSize: DEFAULT_MAX_BATCH_SIZE, maxConcurrency: 1 },
  limitsFromSettings: (settings) => ({ maxBatchSize: settings.maxBatchSize }),
  marketingActions: ["emailTargeting", "combineWithPii"],
  mappingTargets: { account: [keysTarget("account")], person: [keysTarget("person")] },
  retry: { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000 },

  http: salesforceHttp,
  authenticate: (ctx) => authenticate(ctx),
  ensureAudience: async (ctx, audience, known) => {
    const target = targetOf(ctx.settings, audience.type);
    return target.kind === "campaign" ? findOrCreateCampaign(ctx, target, audience, known) : ensureField(ctx, target, audience);
  },
  sendBatch: (ctx, batch) => sendMembers(ctx, batch),
});
