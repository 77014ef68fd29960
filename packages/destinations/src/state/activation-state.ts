import { ValidationError, type Problem } from "@abm-kit/core";
import { z } from "zod";
import { SecretFingerprintSchema } from "../runtime/secret-fingerprint.js";
import { isDeliveredMember } from "./delivered-member-check.js";
import { dictSchema, emptyDict } from "./dict.js";

const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);

/** What the destination holds for one member: a fingerprint of what was sent, and the identity fields needed to remove it later. */
export const DeliveredMemberSchema = z.object({
  /** Fingerprint of every mapped field as last sent (a changed member is sent again). */
  h: z.string(),
  /** Identity and required fields as sent (a remove needs them after the member left the Snapshot). */
  k: dictSchema(CellSchema, { plain: true }).optional(),
  /** The number of the run that confirmed it (a resumed full run does not send it again). */
  r: z.number().int().nonnegative().optional(),
});
/** One delivered member. */
export type DeliveredMember = z.infer<typeof DeliveredMemberSchema>;

/**
 * A batch sent (or about to be sent) whose answer has not been recorded yet.
 * It is saved before the request goes out, so a run that dies with it in
 * flight is resumed by sending it again — same members, same fields, same
 * idempotency key — before anything else.
 */
export const InFlightBatchSchema = z.object({
  key: z.string().min(1),
  action: z.enum(["add", "remove"]),
  externalId: z.string(),
  /** Members as sent: id, fingerprint (`-` for removes) and fields. */
  members: z.array(z.object({ id: z.string(), h: z.string(), f: dictSchema(CellSchema, { plain: true }) })),
});
/** A batch in flight. */
export type InFlightBatch = z.infer<typeof InFlightBatchSchema>;

/** What the destination holds for one audience. */
export const AudienceStateSchema = z.object({
  /** The destination's id of the audience (segment id, list id), once created. */
  externalId: z.string().optional(),
  /** Members the destination holds, by member id (a dictionary without prototype: any id is data). */
  members: dictSchema(DeliveredMemberSchema, { accept: isDeliveredMember }),
  /** Batches whose answer was not recorded when the state was saved. */
  inFlight: z.array(InFlightBatchSchema).optional(),
  /** The last run that finished for this audience (ISO). */
  lastRunAt: z.string().optional(),
});
/** The state of one audience at one destination. */
export type AudienceState = z.infer<typeof AudienceStateSchema>;

/** The run in progress: started and not yet finished (a run that died is resumed as this run). */
export const RunStateSchema = z.object({
  /** A random id, part of every idempotency key of the run. */
  id: z.string().min(1),
  /** 1 for a plan's first run, then counting up. */
  number: z.number().int().positive(),
  mode: z.enum(["full", "incremental"]),
  /** The `now` of the invocation that started it (ISO). */
  startedAt: z.string(),
  /** The sequence number of the run's next request that changes members. */
  nextBatch: z.number().int().positive(),
});
/** A run in progress. */
export type RunState = z.infer<typeof RunStateSchema>;

/** Everything a plan's runs remember at one destination. */
export const ActivationStateSchema = z.object({
  version: z.literal(1),
  audiences: dictSchema(AudienceStateSchema),
  /** How many runs were started. */
  runs: z.number().int().nonnegative().optional(),
  /** The run in progress, if one was started and did not finish. */
  run: RunStateSchema.optional(),
  /** Fingerprints (never values) of the latest credentials the destination issued, to redact them in later runs. */
  credentials: z.array(SecretFingerprintSchema).optional(),
  /** The last run that finished (ISO). */
  lastRunAt: z.string().optional(),
  /** API calls counted on one UTC day (`YYYY-MM-DD`), shared by consecutive runs (see `DailyCallBudget`). */
  apiUsage: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), calls: z.number().int().nonnegative() }).optional(),
});
/** The persisted state of a plan at a destination. */
export type ActivationState = z.infer<typeof ActivationStateSchema>;

/** A fresh, empty state. */
export function emptyActivationState(): ActivationState {
  return { version: 1, audiences: emptyDict() };
}

const parsed = new WeakSet<object>();

/**
 * Validates a loaded state and returns it with every id-keyed map rebuilt as
 * a dictionary without prototype (so ids such as `__proto__` or `constructor`
 * are plain keys). Problems come back in one `ValidationError`, each path
 * under `path`.
 */
export function parseActivationState(value: unknown, what: string, path: readonly (string | number)[] = []): ActivationState {
  if (typeof value === "object" && value !== null && parsed.has(value)) return value as ActivationState;
  const result = ActivationStateSchema.safeParse(value);
  if (!result.success) {
    const problems: Problem[] = result.error.issues.map((i) => ({
      path: [...path, ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
      message: i.message,
      code: i.code,
    }));
    throw new ValidationError(what, problems);
  }
  parsed.add(result.data);
  return result.data;
}
