import { parseOrThrow } from "@abm-kit/core";
import type { z } from "zod";

/**
 * Checks the arguments of a call (`{ object, input, options }`) with a schema;
 * throws `ValidationError` (code `VALIDATION_FAILED`) naming every problem by
 * its path, such as `options.fieldTypes.Tier__c`.
 */
export function checkArguments(fn: string, schema: z.ZodType, args: Readonly<Record<string, unknown>>): void {
  parseOrThrow(schema, args, `the call to ${fn}`);
}
