export * from "./membership-state.js";
export * from "./diff-membership.js";
