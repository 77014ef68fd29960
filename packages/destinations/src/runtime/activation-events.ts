import { EventEmitter } from "eventemitter3";
import type { RunReport } from "./run-report.js";

/** Progress events of a run (payloads carry no secrets). */
export interface ActivationEventMap {
  "run:start": [{ planId: string; destinationId: string; mode: "full" | "incremental"; dryRun: boolean; now: string }];
  "audience:delta": [{ audienceId: string; realized: number; existing: number; changed: number; exited: number; desired: number }];
  "batch:sent": [{ audienceId: string; action: "add" | "remove"; size: number; ok: number; failed: number }];
  "batch:retry": [{ audienceId: string; action: "add" | "remove"; size: number; attempt: number; delayMs: number; code: string; message: string }];
  "auth:refreshed": [{ reason: string }];
  checkpoint: [{ audienceId: string; held: number }];
  "file:written": [{ audienceId: string; name: string; rows: number; bytes: number; sha256: string }];
  "run:end": [RunReport];
}

/** An emitter of activation progress. */
export type ActivationEvents = EventEmitter<ActivationEventMap>;

/** A new emitter for {@link ActivationEventMap}. */
export function createActivationEvents(): ActivationEvents {
  return new EventEmitter<ActivationEventMap>();
}
