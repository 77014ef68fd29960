/**
 * `@abm-kit/destinations/testing`: a fault-injecting local HTTP harness and a
 * conformance suite for adapter authors.
 * @packageDocumentation
 */
export * from "./fault.js";
export * from "./fault-server.js";
export * from "./loopback-listener.js";
export * from "./conformance.js";
export { conformanceSnapshot } from "./conformance-fixture.js";
