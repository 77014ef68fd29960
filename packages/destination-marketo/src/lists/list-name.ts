import type { TargetAudience } from "@abm-kit/destinations";

/** The placeholders a list name template may use. */
export const LIST_NAME_PLACEHOLDERS = ["{audienceName}", "{audienceId}"];

/**
 * The name of an audience's static list or named account list, from the
 * template. Marketo's `filterValues` are comma-separated, so a comma in the
 * name would make the list impossible to find again by name: commas become spaces.
 */
export function listNameOf(template: string, audience: TargetAudience): string {
  const name = template.replaceAll("{audienceName}", audience.audienceName).replaceAll("{audienceId}", audience.audienceId);
  return name.replaceAll(",", " ").trim();
}
