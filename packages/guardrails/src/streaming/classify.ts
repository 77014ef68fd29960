import { streamingEligibility, validateAudience, type Audience, type EvaluationMode, type StreamingReason } from "@abm-kit/audience";

/** The classification of an audience: how it can be kept up to date, and why. */
export interface Classification {
  readonly mode: EvaluationMode;
  /** Blocking reasons (why it is batch-only) and notes (what streaming it costs). */
  readonly reasons: StreamingReason[];
  /** Audiences it references; they must stream too. */
  readonly references: string[];
}

/** Options of {@link classify}. */
export interface ClassifyOptions {
  /** Definitions of referenced audiences, so that a reference to a batch-only audience is found. */
  readonly audiences?: Iterable<unknown>;
}

/**
 * Says from the definition alone whether an audience can be evaluated
 * streaming (kept up to date per change, at a cost bounded by what the change
 * touches) or only in batch, with reasons:
 *
 * - attribute conditions and `and` / `or` / `not` always stream;
 * - `related` conditions stream up to two relationship levels from the member
 *   (an account-level event count over people's events is one level);
 * - `event` and `sequence` conditions stream when their window has a start
 *   (`last`, `between`, `from`), at person level and at account level —
 *   including counts of people's events and of distinct people;
 * - an event `where` that compares with `now` is batch-only;
 * - `inAudience` streams when the referenced audience does.
 *
 * Throws a `ValidationError` for an invalid definition.
 */
export function classify(audience: unknown, options: ClassifyOptions = {}): Classification {
  const definition = validateAudience(audience);
  const referenced: Audience[] = [];
  for (const entry of options.audiences ?? []) referenced.push(validateAudience(entry));
  const { mode, reasons, references } = streamingEligibility(definition, { audiences: referenced });
  return { mode, reasons, references };
}
