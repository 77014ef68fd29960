import { ActionRequiredError, StopRunError } from "@abm-kit/destinations";

/** Why a Marketo run stopped and cannot go on until the user acts. */
export type MarketoActionCode =
  /** The identity endpoint refused the client id or secret (401). */
  | "MARKETO_CLIENT_REJECTED"
  /** The API user's role lacks a permission, or an IP allowlist refuses this host (603). */
  | "MARKETO_ACCESS_DENIED"
  /** The folder named by `listFolder` does not exist. */
  | "MARKETO_FOLDER_NOT_FOUND";

/** A Marketo run that stopped until the user changes a setting or a permission (report status `actionRequired`). */
export class MarketoActionRequiredError extends ActionRequiredError<MarketoActionCode> {
  constructor(code: MarketoActionCode, message: string, setting?: string) {
    super(code, message, setting !== undefined ? { setting } : {});
  }
}

/**
 * The subscription's daily API quota is spent (607). The run stops (report
 * status `stopped`); what was confirmed is in the checkpoint, and running the
 * plan again after Marketo's daily reset (12:00 AM US Central time) resumes from it.
 */
export class MarketoQuotaError extends StopRunError<"MARKETO_DAILY_QUOTA"> {
  constructor(detail: string) {
    super(
      "MARKETO_DAILY_QUOTA",
      `Marketo's daily API quota is spent (${detail}). The run stopped; what was sent is kept in the checkpoint. Run the plan again after Marketo's daily reset (12:00 AM US Central time) to resume from it; the dailyCallBudget setting makes runs warn before they start when a plan would not fit.`,
      { setting: "dailyCallBudget" },
    );
  }
}
