import type { CellValue } from "@abm-kit/destinations";

/** A Salesforce record a member stands for. */
export interface RecordRef {
  readonly object: string;
  readonly id: string;
}

/** A Salesforce record id: 15 or 18 letters and digits. */
const RECORD_ID = /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/;

/**
 * The Salesforce record behind a member, from its source keys
 * (`salesforce/<org id>/<object>/<record id>`, the mapped `person.sourceKeys`
 * or `account.sourceKeys`): the first key of the first object in `objects`
 * (`["Contact", "Lead"]`: a Contact wins over a Lead), of org `orgId` when
 * given. `undefined` when there is none — a person known only to Marketo is
 * not matched to anything, never guessed.
 */
export function recordOf(keys: CellValue | undefined, objects: readonly string[], orgId?: string): RecordRef | undefined {
  const list = Array.isArray(keys) ? keys : typeof keys === "string" ? [keys] : [];
  const found: RecordRef[] = [];
  for (const key of list) {
    const parts = key.split("/");
    if (parts.length !== 4 || parts[0] !== "salesforce") continue;
    const [, instance, object, id] = parts as [string, string, string, string];
    if (orgId !== undefined && instance !== orgId && instance.slice(0, 15) !== orgId.slice(0, 15)) continue;
    if (!objects.includes(object) || !RECORD_ID.test(id)) continue;
    found.push({ object, id });
  }
  found.sort((a, b) => objects.indexOf(a.object) - objects.indexOf(b.object));
  return found[0];
}

/** The systems a member's source keys name (`marketo`, `partner:zoominfo`), for messages. */
export function systemsOf(keys: CellValue | undefined): string[] {
  const list = Array.isArray(keys) ? keys : typeof keys === "string" ? [keys] : [];
  return [...new Set(list.map((k) => k.split("/")[0] ?? "").filter((s) => s !== ""))].sort();
}
