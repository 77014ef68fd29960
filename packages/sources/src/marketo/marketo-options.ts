import type { FieldType } from "@abm-kit/core";
import type { ConsentColumn } from "../read/consent-columns.js";

/** Options of the Marketo readers. */
export interface MarketoReadOptions {
  /** The Munchkin id of the instance, recorded in source keys. */
  readonly instance?: string;
  /** The name reports use for the file (default: the file's base name). */
  readonly name?: string;
  /** Declared types of custom fields; others are inferred from the values. */
  readonly fieldTypes?: Readonly<Record<string, FieldType>>;
  /** More boolean lead fields that state consent (`adOptOut: { channel: "advertising", optOutWhen: true }`). */
  readonly consentColumns?: Readonly<Record<string, ConsentColumn>>;
  /** Activity type names by id, beside (and over) the standard table. */
  readonly activityTypes?: Readonly<Record<number, string>>;
}
