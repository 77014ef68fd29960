import type { ActivityEvent } from "../schemas/index.js";
import type { SourceKey } from "../source-key.js";

/** The properties of an event: scalars by name. */
export type EventProperties = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Events held column by column (as an identity graph's event store holds
 * them), for {@link SnapshotBuilder.addEventColumns}: each row is one event,
 * and repeated strings (types, owners, property sets, source-key shapes) are
 * codes into a list. A row costs no object and no string on the way into the
 * Snapshot's event tables.
 */
export interface EventColumns {
  /** The event id of a row. */
  id(row: number): string;
  /** UTC epoch ms per row; NaN: the time is the text {@link occurredAtText} gives. */
  readonly times: Float64Array;
  /** The time of a row whose `times` entry is NaN, as given. */
  occurredAtText(row: number): string;
  /** Per row, a code into `types`. */
  readonly typeCodes: Int32Array;
  readonly types: readonly string[];
  /** Per row, a code into `owners` (the owner's id). */
  readonly ownerCodes: Int32Array;
  readonly owners: readonly string[];
  /** Per row, 1 when the owner is an account, 0 when a person. */
  readonly ownerIsAccount: Uint8Array;
  /** Per row, a code into `propertySets`, or -1 (no properties). */
  readonly propertyCodes: Int32Array;
  readonly propertySets: readonly EventProperties[];
  /** Per row, a code into `keyPrefixes` when the row has exactly one source key, else -1 (see {@link otherSourceKeys}). */
  readonly keyShapeCodes: Int32Array;
  /** Per source-key shape, its formatted text without the id (`system/instance/object/`, `-` for a part left out). */
  readonly keyPrefixes: readonly string[];
  /** Per row with a key shape, the key's id. */
  keyId(row: number): string;
  /** The source keys of a row without a key shape (undefined: none). */
  otherSourceKeys(row: number): readonly SourceKey[] | undefined;
  /** The row as one event object (used when the builder checks each event against its schema). */
  event(row: number): ActivityEvent;
}
