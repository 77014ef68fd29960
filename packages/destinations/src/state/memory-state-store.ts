import { parseActivationState, type ActivationState } from "./activation-state.js";
import type { StateStore } from "./state-store.js";

/** A {@link StateStore} in memory (tests, one-process runs). Stores JSON copies, so callers cannot change saved state. */
export class MemoryStateStore implements StateStore {
  private readonly states = new Map<string, string>();

  async load(key: string): Promise<ActivationState | undefined> {
    const text = this.states.get(key);
    return text === undefined ? undefined : parseActivationState(JSON.parse(text), `activation state ${JSON.stringify(key)}`, [key]);
  }

  async save(key: string, state: ActivationState): Promise<void> {
    this.states.set(key, JSON.stringify(state));
  }

  /** The keys saved so far. */
  keys(): string[] {
    return [...this.states.keys()];
  }
}
