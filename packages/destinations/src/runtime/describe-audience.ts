import { RetryableError, TerminalError } from "../errors.js";
import type { AudienceJob, RunContext } from "./run-context.js";

/**
 * Asks the destination about an audience just brought up to date
 * (`describeAudience`) and puts the answer into its report. A failure to
 * answer becomes a warning: the members were delivered all the same.
 */
export async function describeAudience<Settings>(run: RunContext<Settings>, job: AudienceJob): Promise<void> {
  const describe = run.definition.describeAudience;
  const externalId = job.report.externalId;
  if (describe === undefined || externalId === undefined) return;
  try {
    const described = await run.caller.call("describe audience", (ctx) => describe(ctx, { audience: job.target, externalId }));
    const { warnings = [], ...facts } = described ?? {};
    job.report.destination = run.redactor.value({ ...facts });
    for (const w of warnings) job.report.warnings.push(run.redactor.text(w));
  } catch (error) {
    if (!(error instanceof RetryableError || error instanceof TerminalError)) throw error;
    job.report.warnings.push(run.redactor.text(`the destination could not describe the audience: ${error.message}`));
  }
}
