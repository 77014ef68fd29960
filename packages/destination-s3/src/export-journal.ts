import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { AdapterContext, StagedExport } from "@abm-kit/destinations";
import { z } from "zod";
import { JOURNAL_FOLDER, journalKey, objectKey } from "./object-key.js";
import { clientFor } from "./s3-client.js";
import { abortUnfinishedUploads, deleteObject, getText, headObject, listKeys, putText } from "./s3-objects.js";
import type { S3Settings } from "./settings.js";

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

/**
 * Before an export's first file: clears what interrupted exports of the same
 * audience left (their data objects that this export does not re-use, and
 * their unfinished multipart uploads — unless their manifest made it, in
 * which case they are complete and stay), then writes this export's marker.
 */
export async function prepareExport(ctx: AdapterContext<S3Settings>, staged: StagedExport): Promise<void> {
  const { settings, signal } = ctx;
  const client = clientFor(settings, ctx.auth);
  const manifest = staged.files.find((f) => f.kind === "manifest");
  if (manifest === undefined) return;
  const ownMarker = journalKey(settings.keyPrefix, manifest.name);
  const dataKeys = staged.files.filter((f) => f.kind === "data").map((f) => objectKey(settings.keyPrefix, f.name));
  const keep = new Set([...dataKeys, objectKey(settings.keyPrefix, manifest.name)]);

  for (const markerKey of await listKeys(client, settings.bucket, `${settings.keyPrefix}${JOURNAL_FOLDER}`, signal)) {
    if (markerKey === ownMarker) continue;
    const text = await getText(client, settings.bucket, markerKey, signal);
    const parsed = text === undefined ? undefined : ExportMarkerSchema.safeParse(safeJson(text));
    if (parsed === undefined || !parsed.success || parsed.data.audienceId !== staged.audience.audienceId) continue;
    const earlier = parsed.data;
    if ((await headObject(client, settings.bucket, earlier.manifestKey, signal)) === undefined) {
      if (!keep.has(earlier.manifestKey)) await rm(join(settings.stagingDirectory, earlier.manifestKey.slice(settings.keyPrefix.length)), { force: true });
      for (const key of earlier.dataKeys) {
        if (keep.has(key)) continue;
        await abortUnfinishedUploads(client, settings.bucket, key, signal);
        await deleteObject(client, settings.bucket, key, signal);
        await rm(join(settings.stagingDirectory, key.slice(settings.keyPrefix.length)), { force: true });
      }
    }
    await deleteObject(client, settings.bucket, markerKey, signal);
  }

  const marker: ExportMarker = { version: 1, audienceId: staged.audience.audienceId, manifestKey: objectKey(settings.keyPrefix, manifest.name), dataKeys, startedAt: ctx.now };
  await putText(client, settings.bucket, ownMarker, JSON.stringify(marker), signal);
}

/** After an export's manifest is in place: its marker goes. */
export async function finishExport(ctx: AdapterContext<S3Settings>, manifestName: string): Promise<void> {
  await deleteObject(clientFor(ctx.settings, ctx.auth), ctx.settings.bucket, journalKey(ctx.settings.keyPrefix, manifestName), ctx.signal);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
