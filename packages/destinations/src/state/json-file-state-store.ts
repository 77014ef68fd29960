import { randomUUID } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { summarizeProblems, ValidationError } from "@abm-kit/core";
import { StateStoreError } from "../errors.js";
import { parseActivationState, type ActivationState } from "./activation-state.js";
import { stateJsonChunks } from "./state-json-chunks.js";
import type { StateStore } from "./state-store.js";

/** Writes the state's JSON text to a new file chunk by chunk (the text of a large state is never one string). */
async function writeStateFile(path: string, state: ActivationState): Promise<void> {
  const file = await open(path, "wx");
  try {
    for (const chunk of stateJsonChunks(state)) await file.write(chunk, null, "utf8");
  } finally {
    await file.close();
  }
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
}

/**
 * A {@link StateStore} of JSON files in a folder, one per key. The file holds
 * `JSON.stringify(state)`, written chunk by chunk (a state of a million
 * members is never one string in memory). Writes go to a
 * temporary file with a unique name that is then renamed over the old one, so
 * a crash never leaves a half-written state; a failed write removes its
 * temporary file, and temporary files left by a process that died are removed
 * on the next load or save of their key. One key is written by one process at
 * a time. Every failure is a {@link StateStoreError} naming the file.
 */
export class JsonFileStateStore implements StateStore {
  private readonly writing = new Set<string>();

  constructor(private readonly directory: string) {}

  /** The file that holds `key`. A key with a lone surrogate (not text) is a `STATE_KEY_INVALID` {@link StateStoreError}. */
  pathOf(key: string): string {
    let name: string;
    try {
      name = encodeURIComponent(key);
    } catch (error) {
      throw new StateStoreError("STATE_KEY_INVALID", `the state key ${JSON.stringify(key)} is not well-formed text (a lone surrogate); use another stateKey`, {
        key,
        cause: error,
      });
    }
    return join(this.directory, `${name}.json`);
  }

  async load(key: string): Promise<ActivationState | undefined> {
    const file = this.pathOf(key);
    await this.removeStaleTemporaries(file);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new StateStoreError(
        "STATE_UNREADABLE",
        `activation state ${JSON.stringify(key)} in ${file} cannot be read (${reason(error)}); check that it is a readable file`,
        { key, file, cause: error },
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const what = text.trim() === "" ? "is empty" : "is not valid JSON (cut off or damaged)";
      throw new StateStoreError(
        "STATE_CORRUPT",
        `activation state ${JSON.stringify(key)} in ${file} ${what}. Restore the file from a backup; or delete it to start over: the next run then treats the destination as empty, sends every current member again, and cannot remove members who left in the meantime`,
        { key, file, cause: error },
      );
    }
    try {
      return parseActivationState(value, `activation state ${JSON.stringify(key)}`, [key]);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw new StateStoreError(
        "STATE_INVALID",
        `activation state ${JSON.stringify(key)} in ${file} is not an activation state (${summarizeProblems(error.problems)}). Restore the file from a backup, or delete it to start over (the next run sends every current member again)`,
        { key, file, problems: error.problems },
      );
    }
  }

  async save(key: string, state: ActivationState): Promise<void> {
    const target = this.pathOf(key);
    const temporary = `${target}.${randomUUID()}.tmp`; // unique per write: concurrent saves never share one
    this.writing.add(temporary);
    try {
      await mkdir(this.directory, { recursive: true });
      await writeStateFile(temporary, state);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      throw new StateStoreError(
        "STATE_UNWRITABLE",
        `activation state ${JSON.stringify(key)} cannot be written to ${target} (${reason(error)}); the previous state is unchanged`,
        { key, file: target, cause: error },
      );
    } finally {
      this.writing.delete(temporary);
    }
    await this.removeStaleTemporaries(target);
  }

  /** Removes `<file>.<uuid>.tmp` files this store is not writing right now (left by a process that died mid-write). */
  private async removeStaleTemporaries(file: string): Promise<void> {
    const pattern = new RegExp(`^${escape(basename(file))}\\.${UUID}\\.tmp$`);
    let names: string[];
    try {
      names = await readdir(dirname(file));
    } catch {
      return; // no folder yet: nothing to clean
    }
    for (const name of names) {
      const path = join(dirname(file), name);
      if (pattern.test(name) && !this.writing.has(path)) await rm(path, { force: true }).catch(() => undefined);
    }
  }
}
