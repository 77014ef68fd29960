import type { EventChunk } from "@abm-kit/core/internal";
import type { FieldType, IdentityBatch } from "@abm-kit/core";
import type { MarketoReadOptions } from "../../marketo/marketo-options.js";
import type { FileReport } from "../file-report.js";

/** What a worker that maps an event file is given. */
export interface EventsWorkerData {
  readonly path: string;
  /** The report's name. */
  readonly name: string;
  readonly options: MarketoReadOptions;
  readonly fieldTypes?: Readonly<Record<string, FieldType>>;
  readonly chunkRows?: number;
  /** Chunks posted and not yet taken (index 0: taken so far, counted by the reading thread; the worker waits while too many are ahead). */
  readonly taken: SharedArrayBuffer;
  /** At most this many chunks are posted and not yet taken. */
  readonly ahead: number;
}

/** What the worker posts, in order. */
export type EventsWorkerMessage =
  /** A chunk's records (none: a progress report without records) and the progress after it. */
  | { readonly type: "chunk"; readonly chunk?: EventChunk; readonly progress: { readonly bytes: number; readonly totalBytes?: number; readonly rows: number } }
  /** A batch without events (the file's declared fields and related tables). */
  | { readonly type: "batch"; readonly batch: IdentityBatch }
  /** The file's report; nothing follows. */
  | { readonly type: "done"; readonly report: FileReport }
  /** What went wrong (an exception the in-thread read would have thrown). */
  | { readonly type: "failed"; readonly error: unknown };
