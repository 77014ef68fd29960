/**
 * Demo section: exports the audiences to a local S3-protocol server on
 * loopback (s3rver behind the gateway of `@abm-kit/destination-s3/testing`),
 * then lists what the bucket holds and reads every file back against the
 * manifest's SHA-256. No credentials or network needed.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Snapshot } from "@abm-kit/core";
import { activate, ExportManifestSchema, MemoryStateStore, type AudienceMembership } from "@abm-kit/destinations";
import { s3Destination } from "@abm-kit/destination-s3";
import { startS3Server } from "@abm-kit/destination-s3/testing";

/** Runs the S3 section of the demo. */
export async function runS3Section(
  log: (line: string) => void,
  input: { snapshot: Snapshot; now: string; audiences: AudienceMembership[]; outDir: string },
): Promise<void> {
  const { snapshot, now, audiences, outDir } = input;
  if (audiences.length === 0) {
    log("  (no audiences to export)");
    return;
  }
  // The AWS SDK announces, once per process, that its releases after January 2027 will need Node 22; abm-kit supports
  // Node 20, and the notice is not about this demo, so the demo turns it off (set the variable yourself to keep it).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const server = await startS3Server({ buckets: ["abm-demo-exports"] });
  try {
    log(`S3-protocol server on ${server.endpoint}, bucket ${server.bucket} (SigV4 checked, checksums kept like S3)`);
    const report = await activate(
      {
        id: "demo-s3",
        destination: {
          id: "s3",
          settings: {
            ...server.settings(),
            keyPrefix: "abm/",
            format: "csv",
            compression: "gzip",
            stagingDirectory: join(outDir, "s3-staging"),
            checksumAlgorithm: "SHA256",
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
      { destination: s3Destination, snapshot, audiences, now, state: new MemoryStateStore() },
    );
    log(
      `Export: ${report.status}, ${report.totals.exported} rows in ${report.audiences.length} audiences, ${report.requests} destination calls, ${report.retries} retries`,
    );
    const requests = server.requests;
    const count = (operation: string) => requests.filter((r) => r.operation === operation).length;
    log(
      `  S3 requests: ${count("PutObject")} PutObject, ${count("HeadObject")} HeadObject (checks), ${count("ListMultipartUploads")} ListMultipartUploads, ${count("DeleteObject")} DeleteObject (journal)`,
    );

    log("The bucket holds:");
    const objects = await server.objects();
    for (const o of objects) log(`  s3://${server.bucket}/${o.key}  ${o.size} bytes  ETag ${o.etag}`);
    let checked = 0;
    for (const o of objects.filter((x) => x.key.endsWith(".manifest.json"))) {
      const manifest = ExportManifestSchema.parse(JSON.parse((await server.read(o.key)).toString("utf8")));
      for (const file of manifest.files) {
        const bytes = await server.read(`abm/${file.name}`);
        const ok = createHash("sha256").update(bytes).digest("hex") === file.sha256 && bytes.length === file.bytes;
        if (!ok) throw new Error(`${file.name} does not match its manifest`);
        checked++;
      }
    }
    log(
      `  ${checked} data files read back: each matches its manifest's size and SHA-256; ${(await server.multipartUploads()).length} unfinished multipart uploads`,
    );
  } finally {
    await server.close();
  }
}
