export * from "./adjacency.js";
export * from "./build-report.js";
export * from "./column.js";
export * from "./dictionary.js";
export * from "./event-table.js";
export * from "./snapshot.js";
export * from "./snapshot-builder.js";
export * from "./table.js";
