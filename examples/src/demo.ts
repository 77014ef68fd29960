/**
 * The abm-kit demo: loads the bundled Salesforce, Marketo and partner exports,
 * unifies them, evaluates the seed audiences, checks them against guardrails,
 * activates them to a local folder (`examples/out/`, recreated on every run) and
 * to a local fake of LinkedIn Matched Audiences, streams events through a
 * real-time account audience, exports the audiences to a local S3-protocol server,
 * a local Google Cloud Storage JSON API server, an SFTP server and Azurite (Azure
 * Blob Storage, also through the Data Landing Zone preset) on loopback,
 * activates a person and an account audience to a local fake of Marketo Engage,
 * activates a person audience to a Campaign and an account audience to an
 * Account field in a local fake Salesforce org, and loads the sample into
 * DuckDB in warehouse mode, runs the seed audiences in SQL and activates one
 * from its query.
 * Run it with `pnpm demo` from the repository root.
 */
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runAudienceSection } from "./audience-section.js";
import { buyingCommittees, idealCustomerProfile, marketingLeaders, seedAudiences, seedCompositions } from "./audiences/index.js";
import { runAzureBlobSection } from "./azure-blob-section.js";
import { runDestinationSection } from "./destination-section.js";
import { runFoundationSection } from "./foundation-section.js";
import { runGcsSection } from "./gcs-section.js";
import { runGuardrailsSection } from "./guardrails-section.js";
import { runLinkedInSection } from "./linkedin-section.js";
import { runMarketoSection } from "./marketo-section.js";
import { runS3Section } from "./s3-section.js";
import { runSalesforceSection } from "./salesforce-section.js";
import { runSftpSection } from "./sftp-section.js";
import { loadSampleSnapshot } from "./sample/index.js";
import { runSourcesSection } from "./sources-section.js";
import { runStreamingSection } from "./streaming-section.js";
import { runWarehouseSection } from "./warehouse-section.js";

const log = (line: string) => console.log(line);
const section = (title: string) => log(`\n=== ${title} ===\n`);
const outDir = fileURLToPath(new URL("../out", import.meta.url));

async function main(): Promise<void> {
  log("abm-kit demo");
  rmSync(outDir, { recursive: true, force: true });

  section("1. A Snapshot from a hand-written data set");
  await runFoundationSection(log);

  section("2. Loading and unifying the bundled exports");
  await runSourcesSection(log);

  section("3. The seed audiences on the sample data");
  const { snapshot, now, reports } = await loadSampleSnapshot();
  const results = await runAudienceSection(log, snapshot, now);

  section("4. Guardrails and governance");
  await runGuardrailsSection(log, { snapshot, audiences: [...seedAudiences] });

  section("5. Activation to a local folder");
  const activated = results.filter((r) => r.size > 0 && seedCompositions.every((c) => c.id !== r.audienceId)).slice(0, 4);
  await runDestinationSection(log, { snapshot, now, audiences: activated, outDir });

  section("6. Activation to LinkedIn Matched Audiences (a local fake)");
  const committee = results.filter((r) => r.audienceId === buyingCommittees.id);
  await runLinkedInSection(log, { snapshot, now, audiences: [...activated, ...committee] });

  section("7. A streaming account audience driving a destination");
  await runStreamingSection(log);

  section("8. Export to an S3-protocol server on loopback");
  await runS3Section(log, { snapshot, now, audiences: activated, outDir });

  section("9. Activation to Marketo Engage (a local fake)");
  const person = results.find((r) => r.audienceId === marketingLeaders.id)!;
  const account = results.find((r) => r.audienceId === idealCustomerProfile.id)!;
  await runMarketoSection(log, { snapshot, now, person, account });

  section("10. Activation to Salesforce: a Campaign and an Account field (a local fake)");
  await runSalesforceSection(log, { snapshot, now, audiences: [...committee, ...activated] });

  section("11. Export to a Google Cloud Storage JSON API server on loopback");
  await runGcsSection(log, { snapshot, now, audiences: activated, outDir });

  section("12. Export to an SFTP server on loopback");
  await runSftpSection(log, { snapshot, now, audiences: activated, outDir });

  section("13. Export to Azure Blob Storage (Azurite on loopback) and the Data Landing Zone preset");
  await runAzureBlobSection(log, { snapshot, now, audiences: activated, outDir });

  section("14. Warehouse mode on DuckDB: the sample loaded, unified and activated in SQL");
  await runWarehouseSection(log, { snapshot, files: reports.files, now, inMemory: results, outDir });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
