import { createPrivateKey } from "node:crypto";
import { secret } from "@abm-kit/destinations";
import { z } from "zod";

/** The REST API version used by default (`/services/data/v62.0`, Winter '25). */
export const DEFAULT_API_VERSION = "62.0";

/** The most records one sObject Collections request may carry (Salesforce REST API guide, "sObject Collections"). */
export const COLLECTIONS_MAX_RECORDS = 200;

/** The most ids one sObject Collections retrieve (POST) may name (Salesforce REST API guide, "Retrieve Multiple Records with Fewer Round-Trips"). */
export const RETRIEVE_MAX_IDS = 2000;

/** Members handed to one `sendBatch` by default: deltas up to this size reach the adapter whole, so it can pick Bulk API 2.0 above `bulkThreshold`. */
export const DEFAULT_MAX_BATCH_SIZE = 10_000;

const baseUrl = (defaultUrl: string) =>
  z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .refine((u) => !/[?#]/.test(u), "must not carry a query or fragment")
    .default(defaultUrl)
    .transform((u) => u.replace(/\/+$/, ""));

const isRsaPrivateKey = (pem: string): boolean => {
  try {
    return createPrivateKey(pem).asymmetricKeyType === "rsa";
  } catch {
    return false;
  }
};

/** A Salesforce API name of a field (`ABM_Audiences__c`, `Description`). */
const fieldName = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "is a Salesforce field API name (letters, digits, _)");

/** OAuth 2 client credentials flow (a connected app with a run-as user; the token host must be the org's My Domain). */
const ClientCredentials = z.strictObject({
  flow: z.literal("clientCredentials"),
  clientId: z.string().trim().min(1),
  clientSecret: secret(z.string().min(1)),
});

/** OAuth 2 JWT bearer flow: an RS256 assertion signed with the connected app's private key. */
const JwtBearer = z.strictObject({
  flow: z.literal("jwtBearer"),
  clientId: z.string().trim().min(1),
  /** The Salesforce user the token acts as (`sub`). */
  username: z.string().trim().min(1),
  /** PEM of the RSA private key whose certificate is uploaded to the connected app. */
  privateKey: secret(z.string().refine(isRsaPrivateKey, "is a PEM-encoded RSA private key")),
  /** The assertion's `aud`: `https://login.salesforce.com`, or `https://test.salesforce.com` for a sandbox. */
  audience: z.url().default("https://login.salesforce.com"),
});

/** OAuth 2 refresh token flow (a token from the web server flow). */
const RefreshToken = z.strictObject({
  flow: z.literal("refreshToken"),
  clientId: z.string().trim().min(1),
  clientSecret: secret(z.string().min(1)).optional(),
  refreshToken: secret(z.string().min(1)),
});

/** How the adapter obtains an access token. */
export const SalesforceAuthSchema = z.discriminatedUnion("flow", [ClientCredentials, JwtBearer, RefreshToken]);

/** Person audiences as members of one Campaign per audience. */
const CampaignTarget = z.strictObject({
  kind: z.literal("campaign"),
  /** The Campaign's name; `{audienceName}` and `{audienceId}` are filled in. Found again by this name (or by `externalIdField`). */
  campaignName: z
    .string()
    .min(1)
    .max(80)
    .refine(
      (t) => t.includes("{audienceId}") || t.includes("{audienceName}"),
      "must contain {audienceName} or {audienceId}, so each audience gets its own campaign",
    )
    .default("{audienceName} [{audienceId}]"),
  /** A custom external id field on Campaign holding the abm-kit audience id: found and created by it instead of by name. */
  externalIdField: fieldName.optional(),
  /** The CampaignMember `Status` of added members (the campaign's default when absent). */
  memberStatus: z.string().min(1).optional(),
});

/** A membership field on the record: a checkbox per audience, or one field holding the audience names. */
const FieldTarget = <O extends readonly [string, ...string[]]>(objects: O, defaultObject: O[number]) =>
  z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("checkbox"),
      object: z.enum(objects).default(defaultObject as never),
      /** The checkbox field of each audience, by abm-kit audience id. */
      fields: z.record(z.string().min(1), fieldName),
    }),
    z.strictObject({
      kind: z.literal("names"),
      object: z.enum(objects).default(defaultObject as never),
      /** A multi-select picklist or text field holding the names of the audiences the record belongs to, `;`-separated. */
      field: fieldName,
      /** What stands for an audience in the field: its name (default) or its id. */
      value: z.enum(["audienceName", "audienceId"]).default("audienceName"),
    }),
  ]);

/**
 * Settings of the Salesforce destination. Unknown keys are refused. Every
 * host is a setting with the real default, so tests can point the adapter at
 * a local fake; the API host itself is the `instance_url` of the token answer.
 */
export const SalesforceSettingsSchema = z.strictObject({
  auth: SalesforceAuthSchema,
  /** The OAuth host (`/services/oauth2/token`): login.salesforce.com, test.salesforce.com, or the org's My Domain (required for client credentials). */
  loginUrl: baseUrl("https://login.salesforce.com"),
  /** REST API version (`62.0`). */
  apiVersion: z
    .string()
    .regex(/^\d{2,3}\.0$/, "is a Salesforce API version such as 62.0")
    .default(DEFAULT_API_VERSION),
  /** Only source keys of this org (`salesforce/<orgId>/…`) are used; any Salesforce key when absent. */
  orgId: z
    .string()
    .trim()
    .regex(/^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/, "is a Salesforce org id (00D…)")
    .optional(),
  /** Where person audiences land: Campaign members (default) or a membership field on Contact or Lead. */
  person: z
    .union([CampaignTarget, FieldTarget(["Contact", "Lead"] as const, "Contact")])
    .default({ kind: "campaign", campaignName: "{audienceName} [{audienceId}]" }),
  /** Where account audiences land: a membership field on Account. */
  account: FieldTarget(["Account"] as const, "Account").default({ kind: "names", object: "Account", field: "ABM_Audiences__c", value: "audienceName" }),
  /** A batch of more members than this goes through one Bulk API 2.0 ingest job; smaller ones through sObject Collections (≤ 200 records a request). */
  bulkThreshold: z.number().int().nonnegative().default(2000),
  /** Members handed to the adapter at once (the runtime's batch). */
  maxBatchSize: z.number().int().min(1).max(150_000).default(DEFAULT_MAX_BATCH_SIZE),
  /** First wait between polls of a Bulk job; doubles up to `bulkPollMaxIntervalMs`. */
  bulkPollIntervalMs: z.number().int().nonnegative().default(2000),
  bulkPollMaxIntervalMs: z.number().int().nonnegative().default(30_000),
  /** Give up on a Bulk job (and retry the batch) after polling this long. */
  bulkPollTimeoutMs: z
    .number()
    .int()
    .positive()
    .default(30 * 60_000),
  /** Folder for the Bulk CSV files while they are written (the system's temporary folder by default). */
  stagingDirectory: z.string().min(1).optional(),
  /** Per-request timeout. */
  timeoutMs: z.number().int().positive().default(60_000),
});

/** Salesforce settings as written in a plan. */
export type SalesforceSettingsInput = z.input<typeof SalesforceSettingsSchema>;
/** Salesforce settings after validation and defaults. */
export type SalesforceSettings = z.output<typeof SalesforceSettingsSchema>;
/** Where one audience type lands. */
export type MembershipTarget = SalesforceSettings["person"] | SalesforceSettings["account"];
