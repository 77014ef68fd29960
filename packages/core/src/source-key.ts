import { z } from "zod";

/**
 * Where a record came from: the system (`salesforce`, `marketo`, `partner:zoominfo`),
 * the instance of that system (a Salesforce org id, a Marketo Munchkin id), the
 * object type in it (`Contact`, `Lead`) and the record's id there.
 * Every entity keeps all of its source keys so nothing loses its origin.
 */
export const SourceKeySchema = z.object({
  system: z.string().min(1),
  instance: z.string().min(1).optional(),
  object: z.string().min(1).optional(),
  id: z.string().min(1),
});
export type SourceKey = z.infer<typeof SourceKeySchema>;

/** A stable one-string form of a source key: `system/instance/object/id` (`-` for an absent part). */
export function formatSourceKey(key: SourceKey): string {
  return `${key.system}/${key.instance ?? "-"}/${key.object ?? "-"}/${key.id}`;
}
