/**
 * `@abm-kit/destination-marketo/testing`: a contract-faithful fake of the
 * Marketo Engage REST API (identity, leads, static lists and their members,
 * folders, named accounts and named account lists) on 127.0.0.1, for your tests and ours.
 * @packageDocumentation
 */
export { startFakeMarketo, type FakeMarketoServer } from "./start-fake-marketo.js";
export { FakeMarketo } from "./fake-marketo.js";
export { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_MUNCHKIN_ID, STANDARD_LEAD_FIELDS, type FakeFolder, type FakeMarketoOptions } from "./fake-options.js";
export type { FakeAccountListView, FakeLead, FakeNamedAccount, FakeRejection, FakeRequestKind, FakeRequestRecord, FakeStaticListView } from "./fake-records.js";
