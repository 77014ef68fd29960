// Runs are told apart by their abort signal (one per run, shared by every adapter call of it).
const gates = new WeakMap<AbortSignal, Promise<unknown>>();

/**
 * Runs `fn` after every earlier record sync of the same run has ended: a
 * run's lead and named-account upserts never overlap, because Marketo creates
 * a duplicate when two upserts for one key run at once (leads.md).
 */
export function oneSyncAtATime<T>(run: AbortSignal, fn: () => Promise<T>): Promise<T> {
  const before = gates.get(run) ?? Promise.resolve();
  const mine = before.then(fn, fn);
  gates.set(
    run,
    mine.then(
      () => undefined,
      () => undefined,
    ),
  );
  return mine;
}
