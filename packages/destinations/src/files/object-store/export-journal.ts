import { rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { StagedExport } from "../../definition/destination-definition.js";
import { JOURNAL_FOLDER, journalKey, objectKey } from "./object-keys.js";
import type { ObjectStore } from "./object-store.js";

/** The marker of an export being uploaded: written before its first file, deleted after its manifest. */
export const ExportMarkerSchema = z.object({
  version: z.literal(1),
  audienceId: z.string(),
  manifestKey: z.string(),
  dataKeys: z.array(z.string()),
  startedAt: z.string(),
});
/** An export marker. */
export type ExportMarker = z.infer<typeof ExportMarkerSchema>;

/** Where an export goes in a store, and where it is staged locally. */
export interface ObjectStoreLayout {
  readonly keyPrefix: string;
  readonly stagingDirectory: string;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Before an export's first file: clears what interrupted exports of the same
 * audience left (their data objects that this export does not re-use, and
 * their partial uploads — unless their manifest made it, in which case they
 * are complete and stay), then writes this export's marker under
 * `<keyPrefix>.abm-kit-uploads/`.
 */
export async function prepareObjectStoreExport<R>(
  store: ObjectStore<R>,
  layout: ObjectStoreLayout,
  staged: StagedExport,
  now: string,
  signal: AbortSignal,
): Promise<void> {
  const { keyPrefix, stagingDirectory } = layout;
  const manifest = staged.files.find((f) => f.kind === "manifest");
  if (manifest === undefined) return;
  const ownMarker = journalKey(keyPrefix, manifest.name);
  const dataKeys = staged.files.filter((f) => f.kind === "data").map((f) => objectKey(keyPrefix, f.name));
  const keep = new Set([...dataKeys, objectKey(keyPrefix, manifest.name)]);
  const stagedCopy = (key: string) => join(stagingDirectory, key.slice(keyPrefix.length));

  for (const markerKey of await store.list(`${keyPrefix}${JOURNAL_FOLDER}`, signal)) {
    if (markerKey === ownMarker) continue;
    const text = await store.readText(markerKey, signal);
    const parsed = text === undefined ? undefined : ExportMarkerSchema.safeParse(safeJson(text));
    if (parsed === undefined || !parsed.success || parsed.data.audienceId !== staged.audience.audienceId) continue;
    const earlier = parsed.data;
    if (!(await store.exists(earlier.manifestKey, signal))) {
      if (!keep.has(earlier.manifestKey)) await rm(stagedCopy(earlier.manifestKey), { force: true });
      for (const key of earlier.dataKeys) {
        if (keep.has(key)) continue;
        await store.abortPartial(key, signal);
        await store.delete(key, signal);
        await rm(stagedCopy(key), { force: true });
      }
    }
    await store.delete(markerKey, signal);
  }

  const marker: ExportMarker = {
    version: 1,
    audienceId: staged.audience.audienceId,
    manifestKey: objectKey(keyPrefix, manifest.name),
    dataKeys,
    startedAt: now,
  };
  await store.writeText(ownMarker, JSON.stringify(marker), signal);
}

/** After an export's manifest is in place: its marker goes. */
export async function finishObjectStoreExport<R>(store: ObjectStore<R>, keyPrefix: string, manifestName: string, signal: AbortSignal): Promise<void> {
  await store.delete(journalKey(keyPrefix, manifestName), signal);
}
