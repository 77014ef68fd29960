/**
 * `@abm-kit/destination-marketo`: activates person audiences as Marketo
 * static lists (matching people to leads by email, optionally creating leads)
 * and account audiences as named account lists.
 * `@abm-kit/destination-marketo/testing` holds a contract-faithful local fake
 * of the Marketo REST API for tests.
 * @packageDocumentation
 */
export { marketoDestination } from "./marketo-destination.js";
export {
  MarketoSettingsSchema,
  MARKETO_MAX_BATCH_SIZE,
  MARKETO_DEFAULT_DAILY_CALLS,
  MARKETO_MAX_LEAD_ATTRIBUTES,
  type MarketoSettings,
  type MarketoSettingsInput,
} from "./settings.js";
export * from "./error-codes.js";
export { MarketoActionRequiredError, MarketoQuotaError, type MarketoActionCode } from "./errors.js";
export { marketoHttp, marketoFailure, IDENTITY_PATH } from "./http/marketo-http.js";
export { envelopeOf, describeErrors, type MarketoEnvelope, type MarketoError } from "./http/envelope.js";
export { MAX_URL_BYTES, MAX_BODY_BYTES } from "./http/request-size.js";
export { estimateMarketoCalls } from "./estimate-calls.js";
export { leadEmailOf } from "./leads/email.js";
export { listNameOf, LIST_NAME_PLACEHOLDERS } from "./lists/list-name.js";
