import type { DataUsageLabel, Snapshot } from "@abm-kit/core";
import { labelsOfSource } from "../mapping/member-mapper.js";
import type { MemberSource } from "./member-source.js";

/**
 * The data-usage labels governance sees for a mapping source: those of the
 * Snapshot's column (when a Snapshot is given) together with those every
 * member source gives it, each once, in that order.
 */
export function sourceLabels(source: string, snapshot: Snapshot | undefined, sources: readonly MemberSource[]): readonly DataUsageLabel[] {
  if (sources.length === 0) return snapshot === undefined ? [] : labelsOfSource(snapshot, source);
  const labels = new Set<DataUsageLabel>(snapshot === undefined ? [] : labelsOfSource(snapshot, source));
  for (const s of sources) for (const label of s.labelsOf(source)) labels.add(label);
  return [...labels];
}
