/**
 * Demo section: exports the audiences to Azurite (the Azure Storage emulator,
 * started on loopback by `@abm-kit/destination-azure-blob/testing`) — once
 * to a container by connection string, once through the Data Landing Zone
 * preset by a container SAS URL — then lists what the containers hold and
 * reads every file back against the manifest's SHA-256. No credentials or
 * network needed.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Snapshot } from "@abm-kit/core";
import { activate, ExportManifestSchema, MemoryStateStore, type AudienceMembership, type DestinationDefinition } from "@abm-kit/destinations";
import { azureBlobDestination, DATA_LANDING_ZONE_CONTAINER, dataLandingZoneDestination, type AzureBlobSettings } from "@abm-kit/destination-azure-blob";
import { startAzurite, type AzuriteServer } from "@abm-kit/destination-azure-blob/testing";

const MAPPING = {
  account: [
    { source: "account.name", target: "name" },
    { source: "account.domain", target: "domain", transforms: ["domain"] },
  ],
  person: [
    { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
    { source: "account.name", target: "company" },
  ],
} as const;

/** Exports `audiences` with `destination` and `settings`, then prints the container's blobs and checks each data file against its manifest. */
async function exportAndCheck(
  log: (line: string) => void,
  azurite: AzuriteServer,
  container: string,
  destination: DestinationDefinition<AzureBlobSettings>,
  settings: Record<string, unknown>,
  input: { snapshot: Snapshot; now: string; audiences: AudienceMembership[] },
): Promise<void> {
  const { snapshot, now, audiences } = input;
  const report = await activate(
    {
      id: `demo-${destination.id}`,
      destination: { id: destination.id, settings },
      audiences: audiences.map((a) => ({ audienceId: a.audienceId })),
      mapping: MAPPING,
      consent: { channel: "email" },
      mode: "full",
    },
    { destination, snapshot, audiences, now, state: new MemoryStateStore() },
  );
  log(`Export: ${report.status}, ${report.totals.exported} rows in ${report.audiences.length} audiences, ${report.retries} retries`);
  const blobs = await azurite.blobs(container);
  log(`Container ${container} holds:`);
  for (const blob of blobs) log(`  ${blob.name}  ${blob.bytes} bytes`);
  let checked = 0;
  for (const { name } of blobs.filter((b) => b.name.endsWith(".manifest.json"))) {
    const manifest = ExportManifestSchema.parse(JSON.parse((await azurite.read(container, name)).toString("utf8")));
    const folder = name.slice(0, name.lastIndexOf("/") + 1);
    for (const file of manifest.files) {
      const bytes = await azurite.read(container, `${folder}${file.name}`);
      if (createHash("sha256").update(bytes).digest("hex") !== file.sha256 || bytes.length !== file.bytes)
        throw new Error(`${file.name} does not match its manifest`);
      checked++;
    }
  }
  log(`  ${checked} data files read back: each matches its manifest's size and SHA-256`);
}

/** Runs the Azure Blob Storage section of the demo. */
export async function runAzureBlobSection(
  log: (line: string) => void,
  input: { snapshot: Snapshot; now: string; audiences: AudienceMembership[]; outDir: string },
): Promise<void> {
  const { outDir, ...run } = input;
  if (run.audiences.length === 0) {
    log("  (no audiences to export)");
    return;
  }
  const azurite = await startAzurite();
  try {
    log(`Azurite on ${azurite.blobEndpoint} (its published development account), staged blocks committed at once`);
    await azurite.createContainer("abm-exports");
    const settings = {
      connectionString: azurite.connectionString(),
      container: "abm-exports",
      prefix: "abm/",
      stagingDirectory: join(outDir, "azure-blob-staging"),
    };
    await exportAndCheck(log, azurite, "abm-exports", azureBlobDestination, settings, run);

    log(`Data Landing Zone preset: the ${DATA_LANDING_ZONE_CONTAINER} container by its SAS URL, folder path abm/weekly`);
    await azurite.createContainer(DATA_LANDING_ZONE_CONTAINER);
    // the demo's clock is fixed, the SAS is checked against the real one: it expires in 2099
    const sasUrl = await azurite.containerSasUrl(DATA_LANDING_ZONE_CONTAINER, { expiresOn: new Date("2099-01-01T00:00:00.000Z") });
    await exportAndCheck(
      log,
      azurite,
      DATA_LANDING_ZONE_CONTAINER,
      dataLandingZoneDestination,
      { sasUrl, folderPath: "abm/weekly", stagingDirectory: join(outDir, "dlz-staging") },
      run,
    );
  } finally {
    await azurite.close();
  }
}
