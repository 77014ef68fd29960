export * from "./time.js";
export * from "./comparator.js";
export * from "./attribute.js";
export * from "./logical.js";
export * from "./relation.js";
export * from "./events.js";
export * from "./audience.js";
