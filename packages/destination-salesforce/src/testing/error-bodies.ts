import type { ServiceResponse } from "@abm-kit/destinations/testing";

/** A REST error answer: Salesforce's JSON array of `{ message, errorCode, fields }` (REST API guide, "Status Codes and Error Responses"). */
export function restError(status: number, errorCode: string, message: string, fields: readonly string[] = []): ServiceResponse {
  return { status, body: [{ message, errorCode, fields }] };
}

/** A per-record error inside a save result (`statusCode`, as sObject Collections answers them). */
export interface RecordError {
  readonly statusCode: string;
  readonly message: string;
  readonly fields: readonly string[];
}

export const recordError = (statusCode: string, message: string, fields: readonly string[] = []): RecordError => ({ statusCode, message, fields });
