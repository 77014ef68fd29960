/**
 * The abm-kit demo: runs on the bundled data and writes to a local folder.
 * `pnpm demo` from the repository root.
 */
import { runFoundationSection } from "./foundation-section.js";

const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  log("abm-kit demo\n");
  await runFoundationSection(log);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
