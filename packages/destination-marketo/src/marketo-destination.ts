import { defineDestination } from "@abm-kit/destinations";
import { findOrCreateNamedAccountList } from "./accounts/named-account-list.js";
import { identityToken } from "./auth/identity-token.js";
import { estimateMarketoCalls } from "./estimate-calls.js";
import { marketoHttp } from "./http/marketo-http.js";
import { findOrCreateStaticList } from "./lists/static-list.js";
import { sendAccountBatch } from "./members/send-account-batch.js";
import { sendPersonBatch } from "./members/send-person-batch.js";
import { MARKETO_MAX_BATCH_SIZE, MARKETO_MAX_LEAD_ATTRIBUTES, MarketoSettingsSchema } from "./settings.js";

/**
 * Marketo Engage: each person audience becomes a static list (found or
 * created by name in the `listFolder`), each account audience a named account
 * list. People are matched to leads by email (lookups of at most 300); with
 * `createLeads`, people without a lead are created with up to 50 mapped
 * attributes (one sync at a time: concurrent upserts of one email make
 * Marketo create duplicates). Accounts are upserted as named accounts by
 * name. Membership changes go in calls of at most 300; each record's
 * `added` / `removed` / `skipped` becomes that member's result. Authentication
 * is the client-credentials grant with the token sent as `Authorization:
 * Bearer`; 601 / 602 fetch a new token once, 606 / 615 / 604 / 608 / 611 / 713
 * are retried, 607 (the daily quota) stops the run — running again after
 * Marketo's daily reset resumes from the checkpoint. Runs count their calls
 * against the `dailyCallBudget` setting and warn before sending when a plan would not fit.
 *
 * @example
 * ```ts
 * import { buildSnapshot } from "@abm-kit/core";
 * import { activate, MemoryStateStore } from "@abm-kit/destinations";
 * import { marketoDestination } from "@abm-kit/destination-marketo";
 * import { startFakeMarketo } from "@abm-kit/destination-marketo/testing";
 *
 * const now = "2026-12-01T09:00:00.000Z";
 * // a local Marketo on 127.0.0.1; drop it (and the two base URLs) to talk to your instance
 * const marketo = await startFakeMarketo({ now });
 * const snapshot = buildSnapshot({ persons: [{ id: "per-1", email: "ada@acme.com", firstName: "Ada" }] }, { asOf: now });
 * const report = await activate(
 *   {
 *     id: "buyers-to-marketo",
 *     destination: { id: "marketo", settings: { ...marketo.settings(), createLeads: true } },
 *     audiences: [{ audienceId: "buyers" }],
 *     mapping: { person: [{ source: "person.email", target: "email" }, { source: "person.firstName", target: "firstName" }] },
 *   },
 *   { destination: marketoDestination, snapshot, audiences: [{ audienceId: "buyers", audienceName: "Buyers", type: "person", memberIds: ["per-1"] }], now, state: new MemoryStateStore() },
 * );
 * console.log(report.totals.exported, report.apiUsage?.callsThisRun); // 1 6 (token, list lookup and creation, lead lookup, lead sync, list add)
 * console.log(marketo.fake.listMemberEmails(Number(report.audiences[0]!.externalId))); // ["ada@acme.com"]
 * await marketo.close();
 * ```
 */
export const marketoDestination = defineDestination({
  id: "marketo",
  name: "Marketo Engage",
  description: "Person audiences as static lists (with optional lead creation), account audiences as named account lists.",
  settings: MarketoSettingsSchema,
  audienceTypes: ["account", "person"],
  identities: ["email", "companyName"],
  delivery: { kind: "streaming", modes: ["full", "incremental"] },
  limits: {
    maxBatchSize: MARKETO_MAX_BATCH_SIZE,
    // 100 calls per 20 s and 10 at a time per subscription (error-codes.md: 606, 615)
    requestsPerWindow: { requests: 100, windowMs: 20_000 },
    maxConcurrency: 10,
    maxMappedAttributes: MARKETO_MAX_LEAD_ATTRIBUTES,
  },
  limitsFromSettings: (settings) => ({ maxBatchSize: settings.maxBatchSize, maxConcurrency: settings.maxConcurrency }),
  dailyCallBudget: { calls: (settings) => settings.dailyCallBudget, estimate: estimateMarketoCalls },
  marketingActions: ["emailTargeting"],
  mappingTargets: {
    person: [
      {
        name: "email",
        identity: "email",
        required: true,
        description: "The lead's email: people are matched to leads on it (ASCII; trimmed and lower-cased).",
      },
      { name: "firstName" },
      { name: "lastName" },
      { name: "title" },
      { name: "company" },
      { name: "phone" },
      { name: "country" },
    ],
    account: [
      { name: "name", identity: "companyName", required: true, description: "The named account's name (Marketo's only dedupe field for named accounts)." },
      { name: "domainName", identity: "companyDomain" },
      { name: "industry" },
      { name: "numberOfEmployees", type: "number" },
      { name: "annualRevenue", type: "number" },
      { name: "city" },
      { name: "state" },
      { name: "country" },
      { name: "sicCode" },
    ],
  },
  // any other lead field (standard or custom, by its REST API name) may be mapped; Marketo refuses unknown ones per lead (1006)
  openMappingTargets: ["person"],
  retry: { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000 },

  http: marketoHttp,
  authenticate: (ctx) => identityToken(ctx),
  ensureAudience: (ctx, audience, known) =>
    audience.type === "person" ? findOrCreateStaticList(ctx, audience, known) : findOrCreateNamedAccountList(ctx, audience, known),
  sendBatch: (ctx, batch) => (batch.audience.type === "person" ? sendPersonBatch(ctx, batch) : sendAccountBatch(ctx, batch)),
});
