import { toSnapshot, type BuildReport, type IdentityConfigInput, type IdentityGraph, type IdentityReport, type Snapshot } from "@abm-kit/core";
import { loadExports, type FileReport, type LoadProgress } from "@abm-kit/sources";
import { SAMPLE_NOW } from "./generate.js";
import { SAMPLE_DATA_DIR, SAMPLE_RELATED_TABLES, sampleFiles } from "./sample-files.js";

export { restJsonAsCsv } from "./asset-csv.js";
export { SAMPLE_NOW, generateSampleFiles, writeSampleFiles } from "./generate.js";
export { SAMPLE_DATA_DIR, SAMPLE_RELATED_TABLES, sampleFiles } from "./sample-files.js";

/**
 * The identity settings of the sample: the defaults, plus links by email
 * domain, and an email shared by more than 5 records merges nothing.
 */
export const SAMPLE_IDENTITY_CONFIG: IdentityConfigInput = {
  linkByEmailDomain: true,
  persons: {
    mergeOn: [
      { namespace: "salesforce.contact" },
      { namespace: "salesforce.lead" },
      { namespace: "marketo.lead" },
      { namespace: "email", maxRecordsPerValue: 5 },
    ],
  },
};

/** What loading the sample did: each file's report, the identity graph's report and the snapshot build's report. */
export interface SampleReports {
  readonly files: readonly FileReport[];
  readonly identity: IdentityReport;
  readonly snapshot: BuildReport;
}

/** Reads the sample exports into an identity graph (`onProgress` hears each file's bytes and records as they are read). */
export async function loadSampleGraph(
  folder = SAMPLE_DATA_DIR,
  onProgress?: (progress: LoadProgress) => void,
): Promise<{ graph: IdentityGraph; files: readonly FileReport[] }> {
  const { graph, reports } = await loadExports(sampleFiles(folder), { identity: SAMPLE_IDENTITY_CONFIG, ...(onProgress ? { onProgress } : {}) });
  return { graph, files: reports };
}

/** Loads the bundled sample data into a Snapshot as of {@link SAMPLE_NOW}. */
export async function loadSampleSnapshot(): Promise<{ snapshot: Snapshot; now: string; reports: SampleReports }> {
  const { graph, files } = await loadSampleGraph();
  const snapshot = toSnapshot(graph, { asOf: SAMPLE_NOW, relatedTables: SAMPLE_RELATED_TABLES });
  return { snapshot, now: SAMPLE_NOW, reports: { files, identity: graph.report, snapshot: snapshot.report } };
}
