import type { SalesforceErrorCode } from "../error-codes.js";
import { RetryableError, type DestinationAudienceRef, type TargetAudience } from "@abm-kit/destinations";
import { SalesforceActionRequiredError } from "../errors.js";
import { salesforceRequest, type SalesforceContext } from "../http/salesforce-request.js";
import type { SalesforceSettings } from "../settings.js";

/** A membership-field target (checkbox per audience, or one field of audience names). */
export type FieldTarget = Exclude<SalesforceSettings["person"], { kind: "campaign" }> | SalesforceSettings["account"];

/** Field types that may hold audience names: multi-select picklist and text (describe's `type`). */
const NAME_TYPES = new Set(["multipicklist", "string", "textarea"]);

/** The field an audience writes, with the setting that names it. */
export function fieldOf(target: FieldTarget, audience: TargetAudience): { field: string | undefined; setting: string } {
  const setting = `${audience.type}.${target.kind === "checkbox" ? `fields.${audience.audienceId}` : "field"}`;
  return { field: target.kind === "checkbox" ? target.fields[audience.audienceId] : target.field, setting };
}

/** What stands for the audience in a names field. */
export function membershipName(target: Extract<FieldTarget, { kind: "names" }>, audience: TargetAudience): string {
  return target.value === "audienceId" ? audience.audienceId : audience.audienceName;
}

/**
 * Checks, before anything is written, that the membership field exists on the
 * object and has a fitting type (`GET /sobjects/<Object>/describe`): a missing
 * custom field stops the run with one error naming the field and the object.
 * The destination audience id is `<Object>.<Field>` (plus `=<name>` for a names field).
 */
export async function ensureField(ctx: SalesforceContext, target: FieldTarget, audience: TargetAudience): Promise<DestinationAudienceRef> {
  const { field, setting } = fieldOf(target, audience);
  if (field === undefined) {
    throw new SalesforceActionRequiredError(
      "SALESFORCE_FIELD_MISSING",
      `No checkbox field is set for audience ${audience.audienceId} on ${target.object}: add it to the ${audience.type}.fields setting.`,
      setting,
    );
  }
  const answer = await salesforceRequest(ctx, { method: "GET", path: `/sobjects/${target.object}/describe` });
  const fields = (answer.body as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields))
    throw new RetryableError<SalesforceErrorCode>("MALFORMED_RESPONSE", `${answer.what} returned no fields`, { status: answer.status });
  const found = fields.find((f) => typeof f === "object" && f !== null && String((f as { name?: unknown }).name).toLowerCase() === field.toLowerCase()) as
    | { name: string; type?: unknown; updateable?: unknown }
    | undefined;
  if (found === undefined) {
    const kind = target.kind === "checkbox" ? "a checkbox field" : "a multi-select picklist or text field";
    throw new SalesforceActionRequiredError(
      "SALESFORCE_FIELD_MISSING",
      `The ${target.object} object has no field ${field} (setting ${setting}). Create it in Salesforce as ${kind}, or name an existing one.`,
      setting,
    );
  }
  const type = String(found.type);
  const fits = target.kind === "checkbox" ? type === "boolean" : NAME_TYPES.has(type);
  if (!fits || found.updateable === false) {
    throw new SalesforceActionRequiredError(
      "SALESFORCE_FIELD_MISSING",
      `The field ${found.name} on ${target.object} (setting ${setting}) is ${found.updateable === false ? "not writable by this user" : `of type ${type}`}; it must be ${target.kind === "checkbox" ? "a writable checkbox" : "a writable multi-select picklist or text field"}.`,
      setting,
    );
  }
  const externalId = `${target.object}.${found.name}${target.kind === "names" ? `=${membershipName(target, audience)}` : ""}`;
  return { externalId };
}
