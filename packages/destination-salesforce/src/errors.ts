import { ActionRequiredError } from "@abm-kit/destinations";

/** Why a Salesforce run stopped and cannot go on until the user acts. */
export type SalesforceActionCode =
  /** The token endpoint refused the credentials (`invalid_grant`, `invalid_client`). */
  | "SALESFORCE_AUTH_REJECTED"
  /** A membership field named in the settings does not exist on the object (or is of the wrong type). */
  | "SALESFORCE_FIELD_MISSING"
  /** The user may not do what the adapter needs (403 other than the daily limit). */
  | "SALESFORCE_ACCESS_DENIED";

/**
 * A Salesforce failure no retry can fix: the run stops (after its last
 * checkpoint) with status `actionRequired` and a message naming what to
 * change; running again after the fix resumes.
 */
export class SalesforceActionRequiredError extends ActionRequiredError<SalesforceActionCode> {
  constructor(code: SalesforceActionCode, message: string, setting?: string) {
    super(code, message, setting !== undefined ? { setting } : {});
  }
}
