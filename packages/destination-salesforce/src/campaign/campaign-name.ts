import type { TargetAudience } from "@abm-kit/destinations";

/** The Campaign name of an audience: the template with `{audienceName}` and `{audienceId}` filled in, cut to Salesforce's 80 characters. */
export function campaignNameOf(template: string, audience: Pick<TargetAudience, "audienceId" | "audienceName">): string {
  return template.replaceAll("{audienceName}", audience.audienceName).replaceAll("{audienceId}", audience.audienceId).slice(0, 80);
}
