/** How membership changed since the destination was last brought up to date. */
export interface MembershipDelta {
  /** New members (not held by the destination). */
  readonly realized: string[];
  /** Members the destination already holds. */
  readonly existing: string[];
  /** Existing members whose mapped fields changed since they were sent. */
  readonly changed: string[];
  /** Members the destination holds that are no longer in the audience. */
  readonly exited: string[];
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Compares the members the destination holds (with the fingerprint of what
 * was sent) to the members it should hold now (with their current
 * fingerprints). Pure; every list is in ascending code-unit order. Any
 * string is an ordinary id (`__proto__` and `constructor` included).
 */
export function computeDelta(held: Readonly<Record<string, { readonly h: string }>>, desired: ReadonlyMap<string, string>): MembershipDelta {
  const realized: string[] = [];
  const existing: string[] = [];
  const changed: string[] = [];
  const exited: string[] = [];
  for (const [id, fingerprint] of desired) {
    const before = Object.hasOwn(held, id) ? held[id] : undefined; // ids are data: never read inherited properties
    if (before === undefined) realized.push(id);
    else {
      existing.push(id);
      if (before.h !== fingerprint) changed.push(id);
    }
  }
  for (const id of Object.keys(held)) if (!desired.has(id)) exited.push(id);
  realized.sort(byCodeUnit);
  existing.sort(byCodeUnit);
  changed.sort(byCodeUnit);
  exited.sort(byCodeUnit);
  return { realized, existing, changed, exited };
}
