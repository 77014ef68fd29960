import { createHash } from "node:crypto";
import type { DestinationMember } from "../definition/member.js";

/**
 * A short, stable digest of a member's mapped fields (a changed field changes
 * it): the first 20 hex digits of a SHA-256. Made from the first 10 bytes of
 * the digest, not by slicing its 64-digit hex text: a slice would keep the
 * whole text alive while the fingerprint is held (one per member, in the
 * run's desired members and in state).
 */
export function memberFingerprint(member: DestinationMember): string {
  const keys = Object.keys(member.fields).sort();
  const text = JSON.stringify(keys.map((k) => [k, member.fields[k]]));
  return createHash("sha256").update(text).digest().toString("hex", 0, 10);
}
