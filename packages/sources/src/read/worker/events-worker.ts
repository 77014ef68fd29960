import { parentPort, workerData } from "node:worker_threads";
import { EventChunkPacker, eventChunkBuffers } from "@abm-kit/core/internal";
import type { IdentityBatch } from "@abm-kit/core";
import { marketoSpec } from "../../marketo/marketo-specs.js";
import { createFileReport } from "../file-report.js";
import { streamMappedCsv } from "../stream-mapped-csv.js";
import type { EventsWorkerData, EventsWorkerMessage } from "./events-worker-protocol.js";

/**
 * The worker thread that reads and maps a Marketo activity file: the same
 * `streamMappedCsv` as the in-thread path, but each chunk's event records are
 * packed into columns (`EventChunkPacker`) and posted with their buffers
 * transferred, so no record object crosses to the thread holding the graph.
 */
async function run(data: EventsWorkerData, port: NonNullable<typeof parentPort>): Promise<void> {
  const taken = new Int32Array(data.taken);
  let posted = 0;
  const post = (message: EventsWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const spec = marketoSpec("activities", data.options);
  const report = createFileReport(data.name, spec.kind);
  const packer = new EventChunkPacker();
  let packed = false;
  await streamMappedCsv(
    { path: data.path },
    spec,
    report,
    data.fieldTypes ? { fieldTypes: data.fieldTypes } : {},
    (batch: IdentityBatch) => {
      const { events, ...rest } = batch;
      if (events !== undefined) {
        for (const record of events) packer.add(record);
        packed = true;
      }
      if (Object.values(rest).some((v) => v !== undefined)) post({ type: "batch", batch: rest });
    },
    {
      ...(data.chunkRows !== undefined ? { chunkRows: data.chunkRows } : {}),
      onProgress: (progress) => {
        const chunk = packed ? packer.finish() : undefined;
        packed = false;
        post({ type: "chunk", ...(chunk ? { chunk } : {}), progress }, chunk ? eventChunkBuffers(chunk) : []);
        posted++;
        // wait while the reading thread is too far behind (in steps, so a terminate is never held up for long)
        for (let seen = Atomics.load(taken, 0); posted - seen >= data.ahead; seen = Atomics.load(taken, 0)) Atomics.wait(taken, 0, seen, 100);
      },
    },
  );
  post({ type: "done", report });
}

const port = parentPort;
if (port !== null) {
  run(workerData as EventsWorkerData, port).catch((error: unknown) => port.postMessage({ type: "failed", error } satisfies EventsWorkerMessage));
}
