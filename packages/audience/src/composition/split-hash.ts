const encoder = new TextEncoder();

/** 32-bit FNV-1a of the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * Where a member falls on a 0–100 scale for a salted split: a pure function of
 * the salt and the member id, so a member stays in its branch across runs and
 * does not move when other members come or go.
 */
export function splitPoint(salt: string, memberId: string): number {
  return (fnv1a32(`${salt}\u0000${memberId}`) / 0x1_0000_0000) * 100;
}
