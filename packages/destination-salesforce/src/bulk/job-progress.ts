/** How far one batch's Bulk job got, so a retry of the batch in the same run goes on from there. */
export interface JobProgress {
  /** The batch's records as first prepared (read before writing), kept while its job is under way. */
  prepared?: unknown;
  jobId?: string;
  /** The upload was sent; when `uploaded` is still false its outcome is unknown (the job is given up). */
  uploadSent: boolean;
  uploaded: boolean;
  /** `UploadComplete` was sent; when `closed` is still false the job's state is read before sending it again. */
  closeSent: boolean;
  closed: boolean;
  results: Partial<Record<"successfulResults" | "failedResults" | "unprocessedrecords", Record<string, string>[]>>;
}

// Run-scoped: keyed by the run's abort signal (one per run), then by the batch's idempotency key.
// A retry of the batch (after a reset, a timeout or an expired session) finds the job it started;
// the entry is dropped when the batch is done, and with the run.
const progressByRun = new WeakMap<AbortSignal, Map<string, JobProgress>>();

/** The progress of a batch's job in this run (created empty). */
export function progressOf(signal: AbortSignal, key: string): JobProgress {
  let byKey = progressByRun.get(signal);
  if (byKey === undefined) progressByRun.set(signal, (byKey = new Map()));
  let progress = byKey.get(key);
  if (progress === undefined) byKey.set(key, (progress = { uploadSent: false, uploaded: false, closeSent: false, closed: false, results: {} }));
  return progress;
}

/** Forgets a batch's job (done). */
export function forgetProgress(signal: AbortSignal, key: string): void {
  progressByRun.get(signal)?.delete(key);
}

/**
 * Prepares a batch's records once per run: a retry of the batch finds what
 * the first attempt read (current field values, campaign member ids), so the
 * job it started is taken up with the same rows and no reads are repeated.
 */
export async function preparedOnce<T>(signal: AbortSignal, key: string, prepare: () => Promise<T>): Promise<T> {
  const progress = progressOf(signal, key);
  if (progress.prepared === undefined) progress.prepared = await prepare();
  return progress.prepared as T;
}
