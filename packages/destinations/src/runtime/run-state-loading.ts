import { randomUUID } from "node:crypto";
import type { AuthState } from "../definition/adapter-context.js";
import type { ExportMode } from "../definition/destination-definition.js";
import { emptyActivationState, parseActivationState, type ActivationState } from "../state/activation-state.js";
import type { StateStore } from "../state/state-store.js";
import type { Redactor } from "./redactor.js";
import { FINGERPRINT_MIN_LENGTH, fingerprintSecret } from "./secret-fingerprint.js";

/** How many credential fingerprints the state keeps. */
const MAX_REMEMBERED_CREDENTIALS = 8;

/** The state a run works on, and its number among the runs of this plan and destination. */
export interface LoadedRunState {
  readonly state: ActivationState;
  readonly runNumber: number;
}

/**
 * Loads (or starts) the state of a run. A run that died is resumed as the same
 * run: same id (so in-flight batches keep their idempotency keys), same number.
 * Fingerprints of credentials issued in earlier runs are handed to the redactor.
 */
export async function loadRunState(
  store: StateStore,
  stateKey: string,
  options: { readonly dryRun: boolean; readonly mode: ExportMode; readonly now: string; readonly redactor: Redactor },
): Promise<LoadedRunState> {
  const loaded = await store.load(stateKey);
  const state = loaded === undefined ? emptyActivationState() : parseActivationState(loaded, `activation state ${JSON.stringify(stateKey)}`, [stateKey]);
  for (const fingerprint of state.credentials ?? []) options.redactor.remember(fingerprint);
  if (!options.dryRun && state.run === undefined) {
    const number = (state.runs ?? 0) + 1;
    state.runs = number;
    state.run = { id: randomUUID(), number, mode: options.mode, startedAt: options.now, nextBatch: 1 };
  }
  return { state, runNumber: state.run?.number ?? (state.runs ?? 0) + 1 };
}

/** Records fingerprints (never values) of newly issued credentials, so a later run can redact them. */
export function rememberCredentials(state: ActivationState, auth: AuthState): void {
  const known = state.credentials ?? [];
  for (const value of [auth.accessToken, ...Object.values(auth.extra ?? {})]) {
    if (value.length < FINGERPRINT_MIN_LENGTH) continue;
    const fingerprint = fingerprintSecret(value);
    if (!known.some((f) => f.h === fingerprint.h)) known.push(fingerprint);
  }
  state.credentials = known.slice(-MAX_REMEMBERED_CREDENTIALS);
}
