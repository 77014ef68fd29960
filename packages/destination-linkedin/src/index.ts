/**
 * `@abm-kit/destination-linkedin`: activates account audiences as COMPANY and
 * person audiences as USER DMP segments of LinkedIn Matched Audiences.
 * `@abm-kit/destination-linkedin/testing` holds a contract-faithful local fake
 * of the LinkedIn API for tests.
 * @packageDocumentation
 */
export { linkedInDestination } from "./linkedin-destination.js";
export {
  LinkedInSettingsSchema,
  DEFAULT_LINKEDIN_VERSION,
  LINKEDIN_MAX_BATCH_SIZE,
  type LinkedInSettings,
  type LinkedInSettingsInput,
} from "./settings.js";
export { LinkedInActionRequiredError, type LinkedInActionCode } from "./errors.js";
export { readSegmentStatus, type SegmentStatus, type ReadSegmentStatusInput } from "./status/read-segment-status.js";
export { segmentWarnings } from "./status/segment-warnings.js";
export { describeSegment } from "./status/describe-segment.js";
export type { LinkedInContext } from "./segments/segment-api.js";
export { linkedInHttp, restFailure } from "./http/linkedin-http.js";
export { NOT_READY_WINDOW_MS } from "./members/send-members.js";
export { segmentNameOf } from "./segments/segment-name.js";
export { segmentTypeOf, type DmpSegment, type SegmentType } from "./segments/dmp-segment.js";
export { companyElement, organizationUrnOf, companyPageUrlOf, COMPANY_IDENTIFIER_FIELDS } from "./members/company-element.js";
export { userElement, USER_FIELD_LIMITS } from "./members/user-element.js";
export type { BuiltElement } from "./members/member-element.js";
export { isApiVersion } from "./api-version.js";
export * from "./error-codes.js";
