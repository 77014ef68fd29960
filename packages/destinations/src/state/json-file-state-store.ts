import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseOrThrow } from "@abm-kit/core";
import { ActivationStateSchema, type ActivationState } from "./activation-state.js";
import type { StateStore } from "./state-store.js";

/**
 * A {@link StateStore} of JSON files in a folder, one per key. Writes go to a
 * temporary file that is then renamed over the old one, so a crash never
 * leaves a half-written state.
 */
export class JsonFileStateStore implements StateStore {
  constructor(private readonly directory: string) {}

  /** The file that holds `key`. */
  pathOf(key: string): string {
    return join(this.directory, `${encodeURIComponent(key)}.json`);
  }

  async load(key: string): Promise<ActivationState | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathOf(key), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    return parseOrThrow(ActivationStateSchema, JSON.parse(text), `activation state ${JSON.stringify(key)}`);
  }

  async save(key: string, state: ActivationState): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const target = this.pathOf(key);
    const temporary = `${target}.${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, JSON.stringify(state), "utf8");
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
