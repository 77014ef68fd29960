/**
 * `@abm-kit/core`: B2B entity schemas, data-usage labels, source keys, field
 * types, and the columnar, immutable {@link Snapshot} every evaluator reads.
 * @packageDocumentation
 */
export * from "./errors.js";
export * from "./error-codes.js";
export type * from "./deep-readonly.js";
export * from "./labels.js";
export * from "./source-key.js";
export * from "./values.js";
export * from "./now.js";
export * from "./entity-fields.js";
export * from "./domain.js";
export * from "./schemas/index.js";
export * from "./json-schema.js";
export * from "./snapshot/index.js";
export * from "./identity/index.js";
