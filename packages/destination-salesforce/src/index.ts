/**
 * `@abm-kit/destination-salesforce`: activates person audiences as Campaign
 * members and account (or person) audiences as membership fields in
 * Salesforce, through sObject Collections or Bulk API 2.0.
 * `@abm-kit/destination-salesforce/testing` holds a contract-faithful local
 * fake of the Salesforce REST and Bulk API 2.0 for tests.
 * @packageDocumentation
 */
export { salesforceDestination } from "./salesforce-destination.js";
export {
  SalesforceSettingsSchema,
  SalesforceAuthSchema,
  DEFAULT_API_VERSION,
  DEFAULT_MAX_BATCH_SIZE,
  COLLECTIONS_MAX_RECORDS,
  RETRIEVE_MAX_IDS,
  type SalesforceSettings,
  type SalesforceSettingsInput,
  type MembershipTarget,
} from "./settings.js";
export * from "./error-codes.js";
export { SalesforceActionRequiredError, type SalesforceActionCode } from "./errors.js";
export { parseLimitInfo, type ApiUsage } from "./api-usage.js";
export { salesforceHttp, restFailure, TOKEN_PATH } from "./http/salesforce-http.js";
export { errorsOf, describeErrors, type SalesforceError } from "./http/error-array.js";
export { jwtAssertion, claimsAt, type JwtClaims } from "./auth/jwt-assertion.js";
export { recordOf, type RecordRef } from "./records/record-id.js";
export { soqlString } from "./records/soql.js";
export { namesIn, withMembership } from "./field/membership-value.js";
export { campaignNameOf } from "./campaign/campaign-name.js";
export { pathFor } from "./write/write-records.js";
export { bulkError } from "./bulk/bulk-writer.js";
export { KEYS_TARGET } from "./members/send-members.js";
