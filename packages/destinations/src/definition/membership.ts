/**
 * The members of one audience, as any evaluator produces them. `AudienceResult`
 * from `@abm-kit/audience` has this shape; destinations accept any value that does.
 */
export interface AudienceMembership {
  readonly audienceId: string;
  readonly audienceName?: string;
  readonly type: "account" | "person";
  /** Entity ids (accounts or persons of the Snapshot). */
  readonly memberIds: readonly string[];
}
