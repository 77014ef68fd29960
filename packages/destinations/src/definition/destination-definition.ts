import { parseOrThrow, ValidationError, type Problem } from "@abm-kit/core";
import { z } from "zod";
import type { FileExportOptionsInput } from "../files/file-export-options.js";
import type { HttpDeclaration } from "../http/http-request.js";
import type { AdapterContext, AuthState, DestinationAudienceRef, MemberBatch, TargetAudience } from "./adapter-context.js";
import type { DailyCallBudget } from "./call-budget.js";
import { IdentityKindSchema, type IdentityKind } from "./identity-kind.js";
import { DestinationLimitsSchema, type DestinationLimits } from "./limits.js";
import type { MemberResult } from "./member.js";
import { MappingTargetSchema, type MappingTarget, type MappingTargetInput } from "./mapping-target.js";

/** How members reach the destination: API calls per batch (`streaming`) or files (`file`). */
export const DeliveryKindSchema = z.enum(["streaming", "file"]);
/** Export modes: everything every run (`full`) or only what changed (`incremental`). */
export const ExportModeSchema = z.enum(["full", "incremental"]);
/** An export mode. */
export type ExportMode = z.infer<typeof ExportModeSchema>;

/** Retry policy: attempts per batch and the exponential backoff bounds. */
export const RetryPolicySchema = z.object({
  maxAttempts: z.number().int().positive().default(6),
  baseDelayMs: z.number().nonnegative().default(500),
  maxDelayMs: z.number().nonnegative().default(60_000),
});
/** A retry policy after defaults. */
export type RetryPolicy = z.output<typeof RetryPolicySchema>;

/** A file as written to the staging folder, ready to deliver. */
export interface StagedFile {
  /** The file's name at the destination (one path segment). */
  readonly name: string;
  /** Where it is on local disk now. */
  readonly localPath: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly kind: "data" | "manifest";
}

/** One audience's export as staged: every file, data files first and the manifest last. */
export interface StagedExport {
  readonly audience: TargetAudience;
  readonly files: readonly StagedFile[];
}

/** What a file destination implements. */
export interface FileDelivery<Settings> {
  /** The writer options (format, compression, split size, name template) from the settings. */
  readonly options: (settings: Settings) => FileExportOptionsInput;
  /** The local folder where files are written before delivery. */
  readonly stagingDirectory: (settings: Settings) => string;
  /**
   * Optional: called once per export, after every file is staged and before
   * the first is delivered (retried like `deliver`). A destination can record
   * the export it is about to deliver, or clear what an interrupted earlier
   * export of the same audience left behind.
   */
  readonly prepare?: (ctx: AdapterContext<Settings>, staged: StagedExport) => Promise<void>;
  /** Delivers one staged file (upload it, move it into place). Throw {@link RetryableError} to be retried. */
  readonly deliver: (ctx: AdapterContext<Settings>, file: StagedFile) => Promise<void>;
}

/** What a destination says about one of its audiences after a run (see `describeAudience`). */
export interface AudienceDescription {
  /** The destination's own status (`BUILDING`, `READY`, …). */
  readonly status?: string;
  /** Members the destination matched to its own users or companies. */
  readonly matchedCount?: number;
  /** The audience's size as the destination states it. */
  readonly audienceSize?: number;
  /** Added to the audience's warnings in the report. */
  readonly warnings?: readonly string[];
}

/** The parts every destination declares, whatever its delivery kind. */
export interface DestinationCommonInput<Settings> {
  /** Stable identifier (`linkedin`, `marketo`, `local-folder`). */
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** The settings schema (mark secret fields with `secret(...)`); the settings type of every function is inferred from it. */
  readonly settings: z.ZodType<Settings>;
  readonly audienceTypes: readonly ("account" | "person")[];
  /** Identifier kinds the destination matches members on (known kinds or `<destination id>:<name>`). */
  readonly identities: readonly IdentityKind[];
  readonly limits: DestinationLimits;
  /**
   * Limits the settings impose (a batch size setting): each may only tighten
   * the declared one (the smaller number wins; a request rate replaces the
   * declared one when it is slower). The runtime batches and paces by the result.
   */
  readonly limitsFromSettings?: (settings: NoInfer<Settings>) => DestinationLimits;
  /** A daily API call budget from the settings: counted across runs, estimated before sending, reported as `report.apiUsage`. */
  readonly dailyCallBudget?: DailyCallBudget<NoInfer<Settings>>;
  /** What the destination does with the data, for governance (`crossSiteTargeting`, `emailTargeting`, …). */
  readonly marketingActions: readonly string[];
  /** The fields it accepts per member, by audience type. */
  readonly mappingTargets: { readonly account?: readonly MappingTargetInput[]; readonly person?: readonly MappingTargetInput[] };
  /**
   * Audience types whose mapping may also name targets that are not declared
   * (a Marketo lead's custom fields): they are sent as mapped, without
   * coercion; the declared ones keep their types, identities and requirements.
   */
  readonly openMappingTargets?: readonly ("account" | "person")[];
  readonly retry?: Partial<RetryPolicy>;
  /** How it talks HTTP: declare it and adapter functions get a ready `ctx.request`, each request counted and rate limited. */
  readonly http?: HttpDeclaration<NoInfer<Settings>>;
  /** Obtains credentials (once per run, lazily; retried on {@link RetryableError} like any call). */
  readonly authenticate?: (ctx: AdapterContext<NoInfer<Settings>>) => Promise<AuthState>;
  /** Renews credentials after {@link AuthExpiredError} (retried on {@link RetryableError} like any call); defaults to `authenticate`. */
  readonly refreshAuth?: (ctx: AdapterContext<NoInfer<Settings>>) => Promise<AuthState>;
  /**
   * Finds or creates the destination audience; `known` is the id remembered
   * from an earlier run. When it returns another id than `known` (the old
   * one was deleted), the runtime forgets the members it held there and sends everyone again.
   */
  readonly ensureAudience?: (ctx: AdapterContext<NoInfer<Settings>>, audience: TargetAudience, known: string | undefined) => Promise<DestinationAudienceRef>;
  /**
   * Called once per audience after it was brought up to date (not in dry
   * runs): what the destination says about it goes into the audience's report
   * (`destination`), its warnings into the audience's warnings.
   */
  readonly describeAudience?: (
    ctx: AdapterContext<NoInfer<Settings>>,
    ref: { readonly audience: TargetAudience; readonly externalId: string },
  ) => Promise<AudienceDescription>;
}

/** A destination that sends members with API calls: it must implement `sendBatch`. */
export interface StreamingDestinationInput<Settings> extends DestinationCommonInput<Settings> {
  readonly delivery: { readonly kind: "streaming"; readonly modes: readonly ExportMode[] };
  /** Sends one batch (≤ the limits' `maxBatchSize` members) and returns a result per member. */
  readonly sendBatch: (ctx: AdapterContext<NoInfer<Settings>>, batch: MemberBatch) => Promise<readonly MemberResult[]>;
  readonly file?: never;
}

/** A destination that receives files: it must implement `file`. */
export interface FileDestinationInput<Settings> extends DestinationCommonInput<Settings> {
  readonly delivery: { readonly kind: "file"; readonly modes: readonly ExportMode[] };
  /** Writer options and delivery. */
  readonly file: FileDelivery<NoInfer<Settings>>;
  readonly sendBatch?: never;
}

/**
 * What an adapter author writes: declarations plus a few small functions.
 * Everything else (delta, mapping, hashing, consent, governance, batching,
 * rate limits, retries, token refresh, checkpoints, reports) is the runtime's.
 * The delivery kind decides, at compile time, what must be implemented.
 */
export type DestinationDefinitionInput<Settings> = StreamingDestinationInput<Settings> | FileDestinationInput<Settings>;

/** Marks a definition {@link defineDestination} validated. */
export const DEFINED_DESTINATION: unique symbol = Symbol.for("@abm-kit/destinations/defined");

/** A validated destination definition (what {@link defineDestination} returns). */
export interface DestinationDefinition<Settings = unknown> extends Omit<DestinationCommonInput<Settings>, "mappingTargets"> {
  readonly [DEFINED_DESTINATION]: true;
  readonly delivery: { readonly kind: "streaming" | "file"; readonly modes: readonly ExportMode[] };
  readonly sendBatch?: (ctx: AdapterContext<Settings>, batch: MemberBatch) => Promise<readonly MemberResult[]>;
  readonly file?: FileDelivery<Settings>;
  readonly mappingTargets: { readonly account?: readonly MappingTarget[]; readonly person?: readonly MappingTarget[] };
  readonly retry: RetryPolicy;
}

const DeclarationSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "an id is lower-case letters, digits and -"),
    name: z.string().min(1),
    audienceTypes: z.array(z.enum(["account", "person"])).min(1),
    identities: z.array(IdentityKindSchema),
    delivery: z.object({ kind: DeliveryKindSchema, modes: z.array(ExportModeSchema).min(1) }),
    limits: DestinationLimitsSchema,
    marketingActions: z.array(z.string().min(1)),
    mappingTargets: z.object({ account: z.array(MappingTargetSchema).optional(), person: z.array(MappingTargetSchema).optional() }),
    retry: RetryPolicySchema.default({ maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 60_000 }),
  })
  .superRefine((d, ctx) => {
    for (const type of d.audienceTypes) {
      if (d.mappingTargets[type] === undefined) {
        ctx.addIssue({ code: "custom", path: ["mappingTargets", type], message: `declares audience type ${type} but no ${type} mapping targets` });
      }
    }
  });

/**
 * Declares a destination. Validates the declarative parts (raising a
 * `ValidationError` naming each problem) and checks that the functions its
 * delivery kind needs are present. `Settings` is inferred from the
 * `settings` schema; no type argument is needed. The adapter guide
 * (docs/adapter-guide.md) walks through every field.
 *
 * @example
 * ```ts
 * import { defineDestination, secret, TerminalError } from "@abm-kit/destinations";
 * import { z } from "zod";
 *
 * export const crmWebhook = defineDestination({
 *   id: "crm-webhook",
 *   name: "CRM webhook",
 *   settings: z.object({ endpoint: z.url(), token: secret(z.string()) }),
 *   audienceTypes: ["person"],
 *   identities: ["sha256Email"],
 *   delivery: { kind: "streaming", modes: ["full", "incremental"] },
 *   limits: { maxBatchSize: 500 },
 *   marketingActions: ["emailTargeting"],
 *   mappingTargets: { person: [{ name: "email_sha256", identity: "sha256Email", required: true }] },
 *   retry: { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 60_000 },
 *   async sendBatch(ctx, batch) {
 *     const response = await fetch(ctx.settings.endpoint, {
 *       method: "POST",
 *       headers: { authorization: `Bearer ${ctx.settings.token}`, "content-type": "application/json" },
 *       body: JSON.stringify({ action: batch.action, members: batch.members.map((m) => m.fields) }),
 *       signal: ctx.signal,
 *     });
 *     if (!response.ok) throw new TerminalError(`HTTP_${response.status}`, `the webhook answered ${response.status}`, { status: response.status });
 *     return batch.members.map((m) => ({ memberId: m.memberId, ok: true as const }));
 *   },
 * });
 * ```
 * @category Destinations
 */
export function defineDestination<Settings, const Kind extends "streaming" | "file" = "streaming" | "file">(
  input: DestinationCommonInput<Settings> & { readonly delivery: { readonly kind: Kind; readonly modes: readonly ExportMode[] } } & (Kind extends "streaming"
      ? Omit<StreamingDestinationInput<Settings>, keyof DestinationCommonInput<Settings> | "delivery">
      : Omit<FileDestinationInput<Settings>, keyof DestinationCommonInput<Settings> | "delivery">),
): DestinationDefinition<Settings>;
/** Declares a variant of a destination already defined (`{ ...linkedInDestination, retry: … }`), validated again. */
export function defineDestination<Settings>(input: DestinationDefinition<Settings>): DestinationDefinition<Settings>;
export function defineDestination<Settings>(input: DestinationDefinitionInput<Settings> | DestinationDefinition<Settings>): DestinationDefinition<Settings> {
  const declared = parseOrThrow(DeclarationSchema, input, `destination ${JSON.stringify(input?.id)}`);
  const problems: Problem[] = [];
  // The types already demand these; the check stays for JavaScript callers.
  if (input.delivery.kind === "streaming" && typeof input.sendBatch !== "function") {
    problems.push({ path: ["sendBatch"], message: "a streaming destination needs sendBatch" });
  }
  if (input.delivery.kind === "file" && input.file === undefined) {
    problems.push({ path: ["file"], message: "a file destination needs file.options, file.stagingDirectory and file.deliver" });
  }
  if (typeof (input.settings as { safeParse?: unknown } | undefined)?.safeParse !== "function")
    problems.push({ path: ["settings"], message: "settings must be a zod schema" });
  if (problems.length > 0) throw new ValidationError(`destination ${JSON.stringify(input.id)}`, problems);
  return { ...(input as DestinationDefinition<Settings>), mappingTargets: declared.mappingTargets, retry: declared.retry, [DEFINED_DESTINATION]: true };
}
