/**
 * `@abm-kit/destination-salesforce/testing`: a contract-faithful local fake of
 * the Salesforce REST API and Bulk API 2.0 (loopback, ephemeral port), for
 * your tests and ours.
 * @packageDocumentation
 */
export { startFakeSalesforce, type FakeSalesforceServer, type StartFakeSalesforceOptions } from "./start-fake-salesforce.js";
export { FakeSalesforce, type FakeSalesforceOptions, type FakeRequest } from "./fake-salesforce.js";
export { FakeOrg, type FakeField, type SaveOutcome } from "./fake-org.js";
export { fakeId, objectOfId } from "./fake-ids.js";
export type { FakeJob } from "./fake-bulk.js";
export type { FakeCredentials } from "./fake-auth.js";
