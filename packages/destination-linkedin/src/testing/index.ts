/**
 * `@abm-kit/destination-linkedin/testing`: a contract-faithful fake of the
 * LinkedIn Marketing API (OAuth refresh-token grant, DMP segments, segment
 * companies and users) on 127.0.0.1, for your tests and ours.
 * @packageDocumentation
 */
export { startFakeLinkedIn, type FakeLinkedInServer } from "./start-fake-linkedin.js";
export { FakeLinkedIn } from "./fake-linkedin.js";
export { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_REFRESH_TOKEN, type FakeLinkedInOptions } from "./fake-options.js";
export type { FakeMember, FakeRejection, FakeRequestKind, FakeRequestRecord, FakeSegmentView } from "./fake-records.js";
export { checkVersion } from "./version-check.js";
export { companyValueProblem, userValueProblem, schemaProblem, memberKey, type Element } from "./element-rules.js";
