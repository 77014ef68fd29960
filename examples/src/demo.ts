/**
 * The abm-kit demo: loads the bundled Salesforce, Marketo and partner exports,
 * unifies them, evaluates the seed audiences, checks them against guardrails,
 * activates them to a local folder (`examples/out/`, recreated on every run) and
 * to a local fake of LinkedIn Matched Audiences, streams events through a
 * real-time account audience and exports the audiences to a local S3-protocol server
 * and to an SFTP server on loopback.
 * Run it with `pnpm demo` from the repository root.
 */
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runAudienceSection } from "./audience-section.js";
import { buyingCommittees, seedAudiences, seedCompositions } from "./audiences/index.js";
import { runDestinationSection } from "./destination-section.js";
import { runFoundationSection } from "./foundation-section.js";
import { runGuardrailsSection } from "./guardrails-section.js";
import { runLinkedInSection } from "./linkedin-section.js";
import { runS3Section } from "./s3-section.js";
import { runSftpSection } from "./sftp-section.js";
import { loadSampleSnapshot } from "./sample/index.js";
import { runSourcesSection } from "./sources-section.js";
import { runStreamingSection } from "./streaming-section.js";

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
  const { snapshot, now } = await loadSampleSnapshot();
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

  section("9. Export to an SFTP server on loopback");
  await runSftpSection(log, { snapshot, now, audiences: activated, outDir });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
