import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

/** The folder, inside the staging folder, that holds one record per resumable upload in progress. */
export const SESSIONS_FOLDER = ".gcs-resumable";

/**
 * A resumable upload in progress: its session URI (which authorises uploads
 * to it, so it stays on local disk like the staged file, never in reports or
 * checkpoints) and the file it carries.
 */
export const SessionRecordSchema = z.object({
  version: z.literal(1),
  key: z.string(),
  uri: z.url(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string(),
});
/** A session record. */
export type SessionRecord = z.infer<typeof SessionRecordSchema>;

const recordPath = (stagingDirectory: string, key: string) =>
  join(stagingDirectory, SESSIONS_FOLDER, `${createHash("sha256").update(key).digest("hex").slice(0, 40)}.json`);

/** The record of `key`'s resumable upload, if one was left (an unreadable record counts as none). */
export async function readSession(stagingDirectory: string, key: string): Promise<SessionRecord | undefined> {
  const text = await readFile(recordPath(stagingDirectory, key), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = SessionRecordSchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.key === key ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Records a session before its first byte is sent (written to a temporary name, then renamed into place). */
export async function writeSession(stagingDirectory: string, record: SessionRecord): Promise<void> {
  const path = recordPath(stagingDirectory, record.key);
  await mkdir(join(stagingDirectory, SESSIONS_FOLDER), { recursive: true });
  await writeFile(`${path}.tmp`, JSON.stringify(record), { mode: 0o600 });
  await rename(`${path}.tmp`, path);
}

/** Forgets `key`'s session (and the folder, once empty). */
export async function forgetSession(stagingDirectory: string, key: string): Promise<void> {
  await rm(recordPath(stagingDirectory, key), { force: true });
  await rmdir(join(stagingDirectory, SESSIONS_FOLDER)).catch(() => undefined);
}
