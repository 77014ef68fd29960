import { defineDestination } from "@abm-kit/destinations";
import { linkedInHttp } from "./http/linkedin-http.js";
import { sendMembers } from "./members/send-members.js";
import { refreshAccessToken } from "./oauth/refresh-access-token.js";
import { findOrCreateSegment } from "./segments/find-or-create-segment.js";
import { LINKEDIN_MAX_BATCH_SIZE, LinkedInSettingsSchema } from "./settings.js";
import { describeSegment } from "./status/describe-segment.js";

/**
 * LinkedIn Matched Audiences: each account audience becomes a COMPANY DMP
 * segment and each person audience a USER segment in the sponsored ad account
 * (`POST /rest/dmpSegments`, private, destination LINKEDIN), found again by its
 * remembered id or, after a crash, by name. Members are added and removed
 * with `BATCH_CREATE` requests of up to `maxBatchSize` (5,000) elements; each element's
 * `status` becomes that member's result. Authentication is OAuth 2 with a
 * refresh token; an expired access token is refreshed once and the request
 * repeated; `invalid_grant` (re-authorise), a sunset API version (426) and a
 * refused ad account (403) stop the run with a {@link LinkedInActionRequiredError}
 * (report status `actionRequired`). After each audience, the report carries
 * the segment's status, `matchedCount` and `audienceSize` as LinkedIn states
 * them (`report.audiences[i].destination`), with a warning below 300 matched members.
 *
 * @example
 * ```ts
 * import { buildSnapshot } from "@abm-kit/core";
 * import { activate, MemoryStateStore } from "@abm-kit/destinations";
 * import { linkedInDestination, readSegmentStatus } from "@abm-kit/destination-linkedin";
 * import { startFakeLinkedIn } from "@abm-kit/destination-linkedin/testing";
 *
 * const now = "2026-12-01T09:00:00.000Z";
 * // a local LinkedIn on 127.0.0.1; drop it (and the two base URLs) to talk to the real service
 * const linkedin = await startFakeLinkedIn({ now, propagationDelayMs: 0 });
 * const settings = { ...linkedin.settings(), adAccountId: "507404993", segmentReadyDelayMs: 0 };
 * const snapshot = buildSnapshot(
 *   { accounts: [{ id: "acc-1", name: "Acme Robotics", domain: "https://www.acme.com/about", country: "US" }] },
 *   { asOf: now },
 * );
 * const report = await activate(
 *   {
 *     id: "tier-1-to-linkedin",
 *     destination: { id: "linkedin", settings },
 *     audiences: [{ audienceId: "tier-1" }],
 *     mapping: {
 *       account: [
 *         { source: "account.name", target: "companyName" },
 *         { source: "account.domain", target: "companyWebsiteDomain" },
 *         { source: "account.country", target: "country" },
 *       ],
 *     },
 *   },
 *   {
 *     destination: linkedInDestination,
 *     snapshot,
 *     audiences: [{ audienceId: "tier-1", audienceName: "Tier 1", type: "account", memberIds: ["acc-1"] }],
 *     now,
 *     state: new MemoryStateStore(),
 *   },
 * );
 * console.log(report.totals.exported); // 1
 * console.log(linkedin.fake.members(report.audiences[0]!.externalId!)); // [{ key: "domain:acme.com", … }]
 * console.log(report.audiences[0]!.destination); // { status: "BUILDING", matchedCount: …, audienceSize: … }
 * const [status] = await readSegmentStatus({ settings, report, now }); // the same, later, outside a run
 * console.log(status?.warnings);
 * // ["LinkedIn is still processing the segment (BUILDING); …", "1 matched member is below LinkedIn's minimum of 300 for campaigns"]
 * await linkedin.close();
 * ```
 */
export const linkedInDestination = defineDestination({
  id: "linkedin",
  name: "LinkedIn Matched Audiences",
  description: "Account audiences as COMPANY and person audiences as USER DMP segments in a LinkedIn ad account.",
  settings: LinkedInSettingsSchema,
  audienceTypes: ["account", "person"],
  identities: ["companyName", "companyDomain", "companyEmailDomain", "linkedinOrganizationUrn", "linkedin:companyPageUrl", "sha256Email", "sha512Email"],
  delivery: { kind: "streaming", modes: ["full", "incremental"] },
  limits: {
    maxBatchSize: LINKEDIN_MAX_BATCH_SIZE,
    // The stricter of the per-member one-minute limits (companies 300, users 600), for every call.
    requestsPerWindow: { requests: 300, windowMs: 60_000 },
    maxConcurrency: 1,
    minAudienceSize: 300,
  },
  // The runtime cuts batches to the maxBatchSize setting.
  limitsFromSettings: (settings) => ({ maxBatchSize: settings.maxBatchSize }),
  marketingActions: ["exportToThirdParty", "crossSiteTargeting"],
  mappingTargets: {
    account: [
      { name: "companyName", identity: "companyName", description: "The company's name." },
      { name: "companyWebsiteDomain", identity: "companyDomain", description: "Website or domain; sent as the registrable domain (acme.com)." },
      { name: "companyEmailDomain", identity: "companyEmailDomain", description: "The domain of the company's email addresses (an address works too)." },
      { name: "organizationUrn", identity: "linkedinOrganizationUrn", description: "LinkedIn company id or urn:li:organization:<id>." },
      { name: "companyPageUrl", identity: "linkedin:companyPageUrl", description: "The company's LinkedIn page, https://www.linkedin.com/company/<slug>." },
      { name: "city" },
      { name: "state" },
      { name: "country", description: "ISO 3166-1 alpha-2; other values are left out." },
      { name: "postalCode" },
      { name: "industries", type: "strings" },
    ],
    person: [
      {
        name: "sha256Email",
        identity: "sha256Email",
        required: true,
        description: "Map the email with the sha256Email transform; an unhashed address is hashed before sending.",
      },
      { name: "sha512Email", identity: "sha512Email" },
      { name: "firstName", maxLength: 35 },
      { name: "lastName", maxLength: 35 },
      { name: "title", maxLength: 50 },
      { name: "company", maxLength: 50 },
      { name: "country", description: "ISO 3166-1 alpha-2; other values are left out." },
    ],
  },
  retry: { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000 },

  http: linkedInHttp,
  authenticate: (ctx) => refreshAccessToken(ctx, ctx.settings.refreshToken),
  refreshAuth: (ctx) => refreshAccessToken(ctx, ctx.auth?.extra?.refreshToken ?? ctx.settings.refreshToken),
  ensureAudience: (ctx, audience, known) => findOrCreateSegment(ctx, audience, known),
  sendBatch: (ctx, batch) => sendMembers(ctx, batch),
  describeAudience: (ctx, ref) => describeSegment(ctx, ref.externalId),
});
