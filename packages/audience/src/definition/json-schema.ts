import { z } from "zod";
import { AudienceSchema } from "./audience.js";

/** The JSON Schema (draft 2020-12) of an audience definition, for UIs that build audiences. */
export function audienceJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(AudienceSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
