import type { ActivationState } from "./activation-state.js";

/**
 * Where activation state lives between runs (what each destination already
 * holds). `save` must be atomic: after a crash, `load` returns either the
 * previous or the new state, never a torn one.
 */
export interface StateStore {
  load(key: string): Promise<ActivationState | undefined>;
  save(key: string, state: ActivationState): Promise<void>;
}
