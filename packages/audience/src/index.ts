/**
 * `@abm-kit/audience`: audience definitions (JSON AST + typed builder), the
 * compiled batch evaluator, references between audiences, explain, preview,
 * composition and membership diff.
 * @packageDocumentation
 */
export * from "./definition/index.js";
export * from "./evaluate/index.js";
export * from "./builder/index.js";
export * from "./composition/index.js";
export * from "./diff/index.js";
export * from "./streaming/index.js";
export * from "./error-codes.js";
