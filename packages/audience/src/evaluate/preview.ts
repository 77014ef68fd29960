import type { Snapshot } from "@abm-kit/core";
import { epochMsToInstant } from "@abm-kit/core";
import { validateAudience } from "../definition/validate.js";
import type { AudienceInput } from "../definition/audience.js";
import type { EvaluateOptions } from "./evaluate.js";
import { parseNow } from "./now.js";
import { booleanOption, listOption } from "./options.js";
import { ReferencePool } from "./references.js";

/** The size of an audience without its member list. */
export interface AudiencePreview {
  readonly audienceId: string;
  readonly type: "account" | "person";
  readonly now: string;
  /** How many members. */
  readonly size: number;
  /** How many accounts or persons the snapshot holds (the audience's universe). */
  readonly total: number;
}

/** Counts an audience's members (population count of the member set) without materializing their ids. */
export function preview(audience: AudienceInput, snapshot: Snapshot, options: EvaluateOptions): AudiencePreview {
  const now = parseNow(options?.now);
  const definition = validateAudience(audience);
  const pool = new ReferencePool(snapshot, now, booleanOption(options.strict, ["strict"]), listOption(options.audiences, ["audiences"]));
  pool.add(definition);
  const { bits } = pool.resolve(definition.id);
  return { audienceId: definition.id, type: definition.type, now: epochMsToInstant(now), size: bits.count(), total: bits.size };
}
