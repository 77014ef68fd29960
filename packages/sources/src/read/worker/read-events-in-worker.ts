import { Worker } from "node:worker_threads";
import type { IdentityGraph } from "@abm-kit/core";
import type { MarketoReadOptions } from "../../marketo/marketo-options.js";
import type { FileReport } from "../file-report.js";
import type { CsvStreamHooks } from "../read-csv.js";
import { eventsWorkerEntry } from "./events-worker-entry.js";
import type { EventsWorkerData, EventsWorkerMessage } from "./events-worker-protocol.js";

/** At most this many chunks (10,000 records each, about 0.6 MB as columns) are mapped ahead of the graph. */
const AHEAD = 64;

/** A Marketo activity file being read and mapped in a worker thread, its chunks waiting to be added to a graph. */
export interface EventsWorkerRead {
  /**
   * Adds the file's chunks to `graph` as they come, in order, calling
   * `onProgress` after each as the in-thread read does, and fills `report`.
   * Aborting `signal` ends the worker and rejects with the signal's reason.
   */
  finish(graph: IdentityGraph, report: FileReport, hooks: Pick<CsvStreamHooks, "onProgress" | "signal">): Promise<void>;
  /** Ends the worker (when the load stops before `finish`). */
  cancel(): void;
  /** Settles once the worker thread has ended (its exit code). */
  readonly exited: Promise<number>;
}

/**
 * Starts reading and mapping a Marketo activity file in a worker thread. The
 * worker maps up to {@link AHEAD} chunks before `finish` takes them, so it works
 * while this thread reads the files before it.
 */
export function startEventsWorkerRead(
  path: string,
  name: string,
  options: MarketoReadOptions,
  fieldTypes: EventsWorkerData["fieldTypes"],
  chunkRows?: number,
): EventsWorkerRead {
  const taken = new SharedArrayBuffer(4);
  const counter = new Int32Array(taken);
  const data: EventsWorkerData = { path, name, options, ...(fieldTypes ? { fieldTypes } : {}), ...(chunkRows ? { chunkRows } : {}), taken, ahead: AHEAD };
  const worker = new Worker(eventsWorkerEntry(), { workerData: data });
  const queue: EventsWorkerMessage[] = [];
  let wake: (() => void) | undefined;
  let failure: { error: unknown } | undefined;
  let ended = false;
  worker.on("message", (message: EventsWorkerMessage) => {
    queue.push(message);
    wake?.();
  });
  worker.on("error", (error) => {
    failure ??= { error };
    wake?.();
  });
  const exited = new Promise<number>((resolve) =>
    worker.on("exit", (code) => {
      if (!ended) failure ??= { error: new Error(`the worker reading ${name} stopped (exit code ${code})`) };
      wake?.();
      resolve(code);
    }),
  );
  const cancel = () => {
    ended = true;
    void worker.terminate();
  };
  const next = async (signal: AbortSignal | undefined): Promise<EventsWorkerMessage> => {
    for (;;) {
      signal?.throwIfAborted();
      const message = queue.shift();
      if (message !== undefined) return message;
      if (failure !== undefined) throw failure.error;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  };
  return {
    cancel,
    exited,
    async finish(graph, report, hooks) {
      const onAbort = () => wake?.();
      hooks.signal?.addEventListener("abort", onAbort, { once: true });
      try {
        for (;;) {
          const message = await next(hooks.signal);
          switch (message.type) {
            case "chunk":
              if (message.chunk !== undefined) graph.addEventChunk(message.chunk);
              Atomics.add(counter, 0, 1);
              Atomics.notify(counter, 0);
              hooks.onProgress?.(message.progress);
              break;
            case "batch":
              graph.add(message.batch);
              break;
            case "failed":
              throw message.error;
            case "done":
              report.read += message.report.read;
              report.loaded += message.report.loaded;
              report.rejected += message.report.rejected;
              for (const problem of message.report.problems) report.problems.push(problem);
              return;
          }
        }
      } finally {
        hooks.signal?.removeEventListener("abort", onAbort);
        cancel();
      }
    },
  };
}
