import { and, attr, audience, people, type Audience } from "@abm-kit/audience";

/** Titles that fill the marketing and IT seats of a buying group. */
export const BUYING_GROUP_TITLES = ["Chief Marketing Officer", "CMO", "Chief Information Officer", "CIO"];

/**
 * Fill buying-group gaps: software accounts with no CMO and no CIO on file,
 * so sales can source those contacts. An account with no people at all
 * qualifies (no person matches).
 */
export const buyingGroupGaps: Audience = audience
  .account("buying-group-gaps", "Software accounts with no CMO or CIO on file", {
    description: "Accounts in Software whose people include neither a CMO nor a CIO.",
  })
  .where(and(attr.text("industry").eq("Software"), people().none(attr.text("title").in(BUYING_GROUP_TITLES, { caseInsensitive: true }))));
