import { rmdir } from "node:fs/promises";

/**
 * Removes a staging folder when it is empty
 * (every file was delivered). A folder that still holds files stays, and a
 * folder already gone is fine: nothing here fails the run.
 */
export async function removeEmptyStaging(directory: string): Promise<void> {
  try {
    await rmdir(directory);
  } catch {
    // not empty (files another process is writing, or kept on purpose), or already gone
  }
}
