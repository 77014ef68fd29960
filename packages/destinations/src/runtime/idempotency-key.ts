/**
 * The idempotency key of one request that changes members: `<run id>-<n>`,
 * where the run id is a random UUID made when a run starts (kept in the
 * checkpoint until the run finishes, so a resumed run goes on with it) and `n`
 * counts the run's member-changing requests from 1. A key names exactly one
 * intended application: retries of that request re-use it, anything else —
 * another batch, the retryable members of a batch sent again, the same members
 * in a later run — gets a new one. Keys never repeat, so a service may keep
 * them for any time.
 */
export function idempotencyKey(runId: string, sequence: number): string {
  return `${runId}-${sequence}`;
}
