/**
 * Demo section: exports the audiences to a local server of the Google Cloud
 * Storage JSON API on loopback (`@abm-kit/destination-gcs/testing`, with its
 * own OAuth token endpoint and service account), large files by resumable
 * upload, then lists what the bucket holds and reads every file back against
 * the manifest's SHA-256. No credentials or network needed.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Snapshot } from "@abm-kit/core";
import { activate, ExportManifestSchema, MemoryStateStore, type AudienceMembership } from "@abm-kit/destinations";
import { gcsDestination } from "@abm-kit/destination-gcs";
import { startGcsServer } from "@abm-kit/destination-gcs/testing";

/** Runs the GCS section of the demo. */
export async function runGcsSection(
  log: (line: string) => void,
  input: { snapshot: Snapshot; now: string; audiences: AudienceMembership[]; outDir: string },
): Promise<void> {
  const { snapshot, now, audiences, outDir } = input;
  if (audiences.length === 0) {
    log("  (no audiences to export)");
    return;
  }
  const server = await startGcsServer({ bucket: "abm-demo-exports" });
  try {
    log(`GCS JSON API server on ${server.url}, bucket ${server.bucket} (bearer tokens from its token endpoint, signed JWTs checked)`);
    const report = await activate(
      {
        id: "demo-gcs",
        destination: {
          id: "gcs",
          settings: {
            ...server.settings(),
            keyPrefix: "abm/",
            format: "jsonl",
            stagingDirectory: join(outDir, "gcs-staging"),
            // small thresholds so the demo's files show both kinds of upload
            resumableThresholdBytes: 1024,
            chunkSizeBytes: 256 * 1024,
            kmsKeyName: "projects/abm-demo/locations/europe-west1/keyRings/exports/cryptoKeys/audiences",
          },
        },
        audiences: audiences.map((a) => ({ audienceId: a.audienceId })),
        mapping: {
          account: [
            { source: "account.name", target: "name" },
            { source: "account.domain", target: "domain", transforms: ["domain"] },
          ],
          person: [
            { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
            { source: "account.name", target: "company" },
          ],
        },
        consent: { channel: "email" },
        mode: "full",
      },
      { destination: gcsDestination, snapshot, audiences, now, state: new MemoryStateStore() },
    );
    log(
      `Export: ${report.status}, ${report.totals.exported} rows in ${report.audiences.length} audiences, ${report.requests} destination calls, ${report.retries} retries`,
    );
    const count = (operation: string) => server.requests.filter((r) => r.operation === operation).length;
    log(
      `  GCS requests: ${count("token")} token, ${count("insert.multipart")} multipart uploads, ${count("resumable.initiate")} resumable sessions with ${count("resumable.chunk")} chunks, ${count("objects.get")} metadata checks, ${count("objects.delete")} deletes (journal)`,
    );

    log("The bucket holds:");
    const objects = server.objects();
    for (const o of objects) log(`  gs://${server.bucket}/${o.name}  ${o.bytes.length} bytes  crc32c ${o.crc32c}${o.kmsKeyName !== undefined ? "  CMEK" : ""}`);
    let checked = 0;
    for (const o of objects.filter((x) => x.name.endsWith(".manifest.json"))) {
      const manifest = ExportManifestSchema.parse(JSON.parse(server.read(o.name).toString("utf8")));
      for (const file of manifest.files) {
        const bytes = server.read(`abm/${file.name}`);
        const ok = createHash("sha256").update(bytes).digest("hex") === file.sha256 && bytes.length === file.bytes;
        if (!ok) throw new Error(`${file.name} does not match its manifest`);
        checked++;
      }
    }
    log(`  ${checked} data files read back: each matches its manifest's size and SHA-256`);
  } finally {
    await server.close();
  }
}
