import type { TargetAudience } from "@abm-kit/destinations";

/** The placeholders a segment name template may use. */
export const SEGMENT_NAME_PLACEHOLDERS: readonly string[] = ["{audienceName}", "{audienceId}"];

/** The segment name for an audience: the template with `{audienceName}` and `{audienceId}` filled in. */
export function segmentNameOf(template: string, audience: Pick<TargetAudience, "audienceId" | "audienceName">): string {
  return template.replaceAll("{audienceName}", audience.audienceName).replaceAll("{audienceId}", audience.audienceId).trim();
}
