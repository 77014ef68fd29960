/**
 * Demo section: exports the audiences to an SFTP server on loopback (ssh2's
 * server from `@abm-kit/destination-sftp/testing`, serving a temporary
 * folder), with the server's host key pinned, then lists the folder and reads
 * every file back against the manifest's SHA-256. No credentials or network needed.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Snapshot } from "@abm-kit/core";
import { activate, ExportManifestSchema, MemoryStateStore, type AudienceMembership } from "@abm-kit/destinations";
import { sftpDestination } from "@abm-kit/destination-sftp";
import { startSftpServer } from "@abm-kit/destination-sftp/testing";

/** Runs the SFTP section of the demo. */
export async function runSftpSection(
  log: (line: string) => void,
  input: { snapshot: Snapshot; now: string; audiences: AudienceMembership[]; outDir: string },
): Promise<void> {
  const { snapshot, now, audiences, outDir } = input;
  if (audiences.length === 0) {
    log("  (no audiences to export)");
    return;
  }
  const server = await startSftpServer();
  try {
    log(`SFTP server on ${server.host}:${server.port}, host key ${server.hostKeyFingerprint} (pinned in the settings), login by private key`);
    const report = await activate(
      {
        id: "demo-sftp",
        destination: {
          id: "sftp",
          settings: {
            ...server.settings({ auth: "privateKey" }),
            remoteDirectory: "/upload/abm",
            format: "csv",
            stagingDirectory: join(outDir, "sftp-staging"),
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
      { destination: sftpDestination, snapshot, audiences, now, state: new MemoryStateStore() },
    );
    log(`Export: ${report.status}, ${report.totals.exported} rows in ${report.audiences.length} audiences, ${report.retries} retries`);
    const count = (operation: string) => server.requests.filter((r) => r.operation === operation).length;
    log(
      `  SFTP requests: ${count("OPEN")} OPEN, ${count("WRITE")} WRITE, ${count("RENAME")} RENAME (temporary name into place), ${count("READ")} READ (read-back checks)`,
    );

    log("The server's folder holds:");
    const files = await server.files();
    for (const path of files) log(`  /${path}  ${(await server.read(path)).length} bytes`);
    let checked = 0;
    for (const path of files.filter((f) => f.endsWith(".manifest.json"))) {
      const manifest = ExportManifestSchema.parse(JSON.parse((await server.read(path)).toString("utf8")));
      for (const file of manifest.files) {
        const bytes = await server.read(`upload/abm/${file.name}`);
        const ok = createHash("sha256").update(bytes).digest("hex") === file.sha256 && bytes.length === file.bytes;
        if (!ok) throw new Error(`${file.name} does not match its manifest`);
        checked++;
      }
    }
    log(
      `  ${checked} data files read back: each matches its manifest's size and SHA-256; ${files.filter((f) => f.includes(".abm-kit")).length} temporary or journal files left`,
    );
  } finally {
    await server.close();
  }
}
