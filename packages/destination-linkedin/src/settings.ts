import { secret } from "@abm-kit/destinations";
import { z } from "zod";
import { isApiVersion } from "./api-version.js";
import { SEGMENT_NAME_PLACEHOLDERS } from "./segments/segment-name.js";

/**
 * The LinkedIn Marketing API version sent in `LinkedIn-Version` by default:
 * July 2026. LinkedIn serves each monthly version for at least a year
 * (learn.microsoft.com/linkedin/marketing/versioning); a sunset one is refused
 * with 426, and the adapter then stops and names the `linkedInVersion` setting.
 */
export const DEFAULT_LINKEDIN_VERSION = "202607";

/** The most elements one `BATCH_CREATE` may carry (Segment's and RudderStack's adapters; not on a LinkedIn page). */
export const LINKEDIN_MAX_BATCH_SIZE = 5000;

const baseUrl = (defaultUrl: string) =>
  z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .refine((u) => !/[?#]/.test(u), "must not carry a query or fragment")
    .default(defaultUrl)
    .transform((u) => u.replace(/\/+$/, ""));

const adAccountId = z
  .union([
    z.number().int().positive(),
    z
      .string()
      .trim()
      .regex(/^(urn:li:sponsoredAccount:)?\d+$/, "is a sponsored ad account id (digits) or urn:li:sponsoredAccount:<id>"),
  ])
  .transform((v) => `urn:li:sponsoredAccount:${String(v).replace(/^urn:li:sponsoredAccount:/, "")}`);

const segmentName = z
  .string()
  .min(1)
  .refine(
    (t) => SEGMENT_NAME_PLACEHOLDERS.some((p) => t.includes(p)),
    `must contain ${SEGMENT_NAME_PLACEHOLDERS.join(" or ")}, so each audience gets its own segment`,
  )
  .refine(
    (t) => (t.match(/\{[^}]*\}/g) ?? []).every((p) => SEGMENT_NAME_PLACEHOLDERS.includes(p)),
    `may only use the placeholders ${SEGMENT_NAME_PLACEHOLDERS.join(", ")}`,
  );

/**
 * Settings of the LinkedIn destination. Unknown keys are refused (a misspelt
 * setting is a mistake, not something to ignore). Every host is a setting with
 * the real default, so tests can point the adapter at a local fake.
 */
export const LinkedInSettingsSchema = z.strictObject({
  /** The sponsored ad account that owns the segments: `123456789` or `urn:li:sponsoredAccount:123456789`. */
  adAccountId,
  /** The LinkedIn app's client id. */
  clientId: z.string().trim().min(1),
  /** The LinkedIn app's client secret. */
  clientSecret: secret(z.string().min(1)),
  /** A refresh token from the app's OAuth flow (scope `rw_dmp_segments`); it lasts 365 days from the first grant. */
  refreshToken: secret(z.string().min(1)),
  /** The REST API host. */
  apiBaseUrl: baseUrl("https://api.linkedin.com"),
  /** The OAuth host (`/oauth/v2/accessToken`). */
  authBaseUrl: baseUrl("https://www.linkedin.com"),
  /** The `LinkedIn-Version` header (`YYYYMM`, a version of the last 12 months). */
  linkedInVersion: z.string().refine(isApiVersion, "is a LinkedIn API version: YYYYMM (for example 202607)").default(DEFAULT_LINKEDIN_VERSION),
  /** The response header that carries a new segment's id (one partner adapter reads `x-linkedin-id`). */
  segmentIdHeader: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]+$/, "is an HTTP header name")
    .default("x-restli-id"),
  /** The segment's name in Campaign Manager; `{audienceName}` and `{audienceId}` are filled in. Found again by this name after a crash. */
  segmentName: segmentName.default("{audienceName} [{audienceId}]"),
  /** `sourcePlatform` of created segments. LinkedIn lists partner-specific values; `LIST_UPLOAD` is an assumption. */
  sourcePlatform: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/, "is an upper-case LinkedIn source platform (LIST_UPLOAD, …)")
    .default("LIST_UPLOAD"),
  /** Elements per `BATCH_CREATE` request (at most 5,000). */
  maxBatchSize: z.number().int().min(1).max(LINKEDIN_MAX_BATCH_SIZE).default(LINKEDIN_MAX_BATCH_SIZE),
  /** Wait after creating a segment before the first member request (LinkedIn: 5 s). */
  segmentReadyDelayMs: z.number().int().nonnegative().default(5000),
  /** While a new segment still answers 404, wait at least this long between tries. */
  notReadyRetryAfterMs: z.number().int().nonnegative().default(2000),
  /** After a 429 without Retry-After, wait at least this long (the limits are per minute). */
  rateLimitWaitMs: z.number().int().nonnegative().default(60_000),
  /** Per-request timeout. */
  timeoutMs: z.number().int().positive().default(30_000),
  /** `readSegmentStatus` warns below this many matched members (LinkedIn campaigns need 300). */
  minMatchedMembers: z.number().int().nonnegative().default(300),
});

/** LinkedIn settings as written in a plan. */
export type LinkedInSettingsInput = z.input<typeof LinkedInSettingsSchema>;
/** LinkedIn settings after validation and defaults (`adAccountId` is a URN, URLs have no trailing slash). */
export type LinkedInSettings = z.output<typeof LinkedInSettingsSchema>;
