import type { ErrorCodeOf } from "@abm-kit/core";

/** Every `code` of an error `@abm-kit/destination-linkedin` raises (besides the runtime's), with what it means. */
export const LINKEDIN_ERROR_CODES = {
  LINKEDIN_REAUTHORIZATION_REQUIRED: "The refresh token is expired or revoked (`invalid_grant`): authorise the app again (`LinkedInActionRequiredError`).",
  LINKEDIN_CLIENT_REJECTED: "LinkedIn refused the client id or secret (`invalid_client`; `LinkedInActionRequiredError`).",
  LINKEDIN_VERSION_SUNSET: "The `LinkedIn-Version` header names a sunset or unknown version (426; `LinkedInActionRequiredError`).",
  LINKEDIN_ACCESS_DENIED: "The authorised member may not manage segments of the ad account (403; `LinkedInActionRequiredError`).",
  "LINKEDIN_OAUTH_<status>": "The token endpoint answered another 4xx (`TerminalError`).",
  "LINKEDIN_<status>": "The API answered another 4xx (`TerminalError`).",
  "HTTP_<status>": "LinkedIn answered 408 or 5xx (`RetryableError`).",
  RATE_LIMITED: "LinkedIn answered 429 (`RetryableError`).",
  MALFORMED_RESPONSE: "An answer lacks what the API promises (an access token, a segment, its elements) (`RetryableError`).",
  SEGMENT_ID_MISSING: "LinkedIn accepted a new segment but its id could not be read (`RetryableError`).",
  SEGMENT_NOT_READY: "A new segment is not visible to the members endpoints yet (`RetryableError`).",
  SEGMENT_NOT_FOUND: "The remembered segment no longer exists; the next run creates one (`TerminalError`).",
  SEGMENT_TYPE_CONFLICT: "The remembered segment holds the other audience type (`TerminalError`).",
} as const;
/** A code of an error `@abm-kit/destination-linkedin` raises. */
export type LinkedInErrorCode = ErrorCodeOf<typeof LINKEDIN_ERROR_CODES>;
