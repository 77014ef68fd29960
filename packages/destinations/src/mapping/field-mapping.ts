import { z } from "zod";

/** A transform applied to a mapped value, in order. */
export const TransformSchema = z.enum([
  "trim",
  "lowercase",
  "uppercase",
  /** trim + lowercase + SHA-256 hex (the ad platforms' email rule). */
  "sha256Email",
  "sha512Email",
  /** SHA-256 hex of the value as is. */
  "sha256",
  /** The registrable domain of a website, URL or email. */
  "domain",
  /** `urn:li:organization:<id>` from a numeric LinkedIn company id. */
  "linkedinOrganizationUrn",
  /** Multi-valued → one string joined with `;`. */
  "join",
]);
/** A value transform. */
export type Transform = z.infer<typeof TransformSchema>;

/**
 * One mapped field: where the value comes from (`source`: `id`,
 * `account.<field>`, `person.<field>`, `account.sourceKeys` / `person.sourceKeys` for the
 * entity's source keys as `system/instance/object/id`; for person audiences `account.*` is the
 * person's first active account) or a constant `value`, the destination
 * field (`target`) and transforms.
 */
export const FieldMappingSchema = z
  .object({
    source: z
      .string()
      .regex(/^(id|(account|person)\.[^\s]+)$/, "source is `id`, `account.<field>` or `person.<field>`")
      .optional(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    target: z.string().min(1),
    transforms: z.array(TransformSchema).default([]),
  })
  .refine((m) => (m.source === undefined) !== (m.value === undefined), { message: "give exactly one of source or value" });
/** A field mapping as given. */
export type FieldMappingInput = z.input<typeof FieldMappingSchema>;
/** A field mapping after defaults. */
export type FieldMapping = z.output<typeof FieldMappingSchema>;
