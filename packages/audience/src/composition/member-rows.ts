import type { Snapshot, Table } from "@abm-kit/core";
import type { AudienceType as MemberType } from "../definition/audience.js";

/** The snapshot table holding members of this type. */
export function memberTable(snapshot: Snapshot, type: MemberType): Table {
  return type === "account" ? snapshot.accounts : snapshot.persons;
}
