import type { ActivationState } from "../state/activation-state.js";
import type { StateStore } from "../state/state-store.js";

/** Saves a run's state: serialized and coalesced. */
export interface Checkpointer {
  /** Saves the state (after any save in progress) and then calls `after`. */
  checkpoint(after: () => void): Promise<void>;
  /** Resolves when every save asked for so far has ended (failed or not). */
  settled(): Promise<void>;
}

/**
 * Saves are serialized and coalesced: a checkpoint asked for while another
 * save waits joins it (that save has not started, so it includes what was
 * recorded before the call). The state holds confirmed results and the
 * batches in flight, so any moment's copy is a consistent one. A dry run saves nothing.
 */
export function createCheckpointer(store: StateStore, stateKey: string, state: ActivationState, dryRun: boolean): Checkpointer {
  let saving: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  return {
    checkpoint(after) {
      if (dryRun) return Promise.resolve();
      if (queued === undefined) {
        const next: Promise<void> = saving.then(() => {
          if (queued === next) queued = undefined;
          return store.save(stateKey, state);
        });
        queued = next;
        saving = next.catch(() => undefined);
      }
      return queued.then(after);
    },
    settled: () => saving,
  };
}
