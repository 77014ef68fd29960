import { ActionRequiredError } from "@abm-kit/destinations";

/** Why a LinkedIn run stopped and cannot go on until the user acts. */
export type LinkedInActionCode =
  /** The refresh token is expired or revoked (`invalid_grant`): authorise the app again. */
  | "LINKEDIN_REAUTHORIZATION_REQUIRED"
  /** LinkedIn refused the client id or secret (`invalid_client`). */
  | "LINKEDIN_CLIENT_REJECTED"
  /** The `LinkedIn-Version` header names a sunset or unknown version (426). */
  | "LINKEDIN_VERSION_SUNSET"
  /** The authorised member may not manage segments of the ad account (403). */
  | "LINKEDIN_ACCESS_DENIED";

/**
 * A LinkedIn failure no retry can fix: the run stops at once (after its last
 * checkpoint) with status `actionRequired`, a message that says what to do
 * and, when a setting must change, which one (`setting`); the error's
 * `report` holds what the run did. Running again after the fix resumes.
 */
export class LinkedInActionRequiredError extends ActionRequiredError<LinkedInActionCode> {
  constructor(code: LinkedInActionCode, message: string, setting?: string) {
    super(code, message, setting !== undefined ? { setting } : {});
  }
}
