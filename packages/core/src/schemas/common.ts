import { z } from "zod";
import { SourceKeySchema } from "../source-key.js";
import { AttributesSchema } from "../values.js";

/** An entity id: the unified id abm-kit uses for the record (often a CRM id). */
export const EntityIdSchema = z.string().min(1).max(1024);

/** Fields every entity may carry: its open attributes and every source key it came from. */
export const entityBase = {
  attributes: AttributesSchema.optional(),
  sourceKeys: z.array(SourceKeySchema).optional(),
};

/** An optional string field; `null` is accepted and means missing. */
export const optionalString = () => z.string().nullish();
/** An optional finite number; `null` means missing. */
export const optionalNumber = () => z.number().nullish();
/** An optional boolean; `null` means missing. */
export const optionalBoolean = () => z.boolean().nullish();
