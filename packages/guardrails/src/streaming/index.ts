export * from "./classify.js";
