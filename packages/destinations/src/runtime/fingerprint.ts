import { createHash } from "node:crypto";
import type { DestinationMember } from "../definition/member.js";

/** A short, stable digest of a member's mapped fields (a changed field changes it). */
export function memberFingerprint(member: DestinationMember): string {
  const keys = Object.keys(member.fields).sort();
  const text = JSON.stringify(keys.map((k) => [k, member.fields[k]]));
  return createHash("sha256").update(text).digest("hex").slice(0, 20);
}
