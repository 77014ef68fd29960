import { secret } from "@abm-kit/destinations";
import { z } from "zod";
import { LIST_NAME_PLACEHOLDERS } from "./lists/list-name.js";

/** Records one membership, lookup or sync call may carry (Marketo: 300 for lists, leads, named accounts and named account lists). */
export const MARKETO_MAX_BATCH_SIZE = 300;

/** The calls a Marketo subscription may make per day by default (error-codes.md, 607: "resets daily at 12:00AM CST"). */
export const MARKETO_DEFAULT_DAILY_CALLS = 50_000;

/** The most attributes a created lead may carry (the seed blueprint's Marketo destination maps up to 50). */
export const MARKETO_MAX_LEAD_ATTRIBUTES = 50;

const url = z
  .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
  .refine((u) => !/[?#]/.test(u), "must not carry a query or fragment")
  .transform((u) => u.replace(/\/+$/, ""));

const listName = z
  .string()
  .min(1)
  .refine((t) => LIST_NAME_PLACEHOLDERS.some((p) => t.includes(p)), `must contain ${LIST_NAME_PLACEHOLDERS.join(" or ")}, so each audience gets its own list`)
  .refine(
    (t) => (t.match(/\{[^}]*\}/g) ?? []).every((p) => LIST_NAME_PLACEHOLDERS.includes(p)),
    `may only use the placeholders ${LIST_NAME_PLACEHOLDERS.join(", ")}`,
  );

const BaseSettings = z.strictObject({
  /** The instance's Munchkin id (`123-ABC-456`, Admin › Munchkin): the default hosts are `https://<munchkinId>.mktorest.com`. */
  munchkinId: z
    .string()
    .trim()
    .regex(/^\d{3}-[A-Za-z]{3}-\d{3}$/, "is a Munchkin id: 123-ABC-456"),
  /** The LaunchPoint custom service's client id. */
  clientId: z.string().trim().min(1),
  /** The LaunchPoint custom service's client secret. */
  clientSecret: secret(z.string().min(1)),
  /** The REST API host (Admin › Web Services › Endpoint, without `/rest`); default `https://<munchkinId>.mktorest.com`. */
  restBaseUrl: url.optional(),
  /** The identity host (Admin › Web Services › Identity, without `/identity`); default `https://<munchkinId>.mktorest.com`. */
  identityBaseUrl: url.optional(),
  /** The folder person audiences' static lists live in: its id, or its name (looked up with the Asset API). */
  listFolder: z.union([z.number().int().positive(), z.string().trim().min(1)]),
  /** The kind of `listFolder`: a marketing `Folder` or a `Program`. */
  listFolderType: z.enum(["Folder", "Program"]).default("Folder"),
  /** The static list's name; `{audienceName}` and `{audienceId}` are filled in. Found again by this name after a crash. */
  listName: listName.default("{audienceName} [{audienceId}]"),
  /** The named account list's name (account audiences), with the same placeholders. */
  accountListName: listName.default("{audienceName} [{audienceId}]"),
  /** Create (or update) a lead for a person Marketo has no lead for, with the mapped attributes (at most 50). */
  createLeads: z.boolean().default(false),
  /** Records per membership, lookup or sync call (at most 300). */
  maxBatchSize: z.number().int().min(1).max(MARKETO_MAX_BATCH_SIZE).default(MARKETO_MAX_BATCH_SIZE),
  /** Batches in flight at once; Marketo runs at most 10 calls of a subscription at a time, shared with its other integrations. */
  maxConcurrency: z.number().int().min(1).max(10).default(4),
  /** The subscription's daily API call quota (Admin › Web Services); runs warn before sending when a plan would not fit. */
  dailyCallBudget: z.number().int().positive().default(MARKETO_DEFAULT_DAILY_CALLS),
  /** After a 606 (more than 100 calls in 20 s), wait at least this long. */
  rateLimitWaitMs: z.number().int().nonnegative().default(20_000),
  /** After a 615 (10 calls already running), wait at least this long. */
  concurrencyWaitMs: z.number().int().nonnegative().default(2_000),
  /** Per-request timeout (Marketo's own timeouts reach 120 s for named account syncs). */
  timeoutMs: z.number().int().positive().default(120_000),
});

/**
 * Settings of the Marketo destination. Unknown keys are refused. Every host is
 * a setting with the real default (derived from the Munchkin id), so tests can
 * point the adapter at a local fake.
 */
export const MarketoSettingsSchema = BaseSettings.transform((s) => {
  const host = `https://${s.munchkinId.toUpperCase()}.mktorest.com`;
  return { ...s, restBaseUrl: s.restBaseUrl ?? host, identityBaseUrl: s.identityBaseUrl ?? host };
});

/** Marketo settings as written in a plan. */
export type MarketoSettingsInput = z.input<typeof MarketoSettingsSchema>;
/** Marketo settings after validation and defaults (both hosts set, without a trailing slash). */
export type MarketoSettings = z.output<typeof MarketoSettingsSchema>;
