/**
 * Marketo's standard activity type ids and their names (the `name` of
 * `GET /rest/v1/activities/types.json`). An id not listed here, nor in a reader's
 * `activityTypes` option, becomes `Activity <id>`.
 *
 * | id | name |
 * |---|---|
 * | 1 | Visit Webpage |
 * | 2 | Fill Out Form |
 * | 3 | Click Link |
 * | 6 | Send Email |
 * | 7 | Email Delivered |
 * | 8 | Email Bounced |
 * | 9 | Unsubscribe Email |
 * | 10 | Open Email |
 * | 11 | Click Email |
 * | 12 | New Lead |
 * | 13 | Change Data Value |
 * | 19 | Sync Lead to SFDC |
 * | 21 | Convert Lead |
 * | 22 | Change Score |
 * | 23 | Change Owner |
 * | 24 | Add to List |
 * | 25 | Remove from List |
 * | 27 | Email Bounced Soft |
 * | 32 | Merge Leads |
 * | 34 | Add to Opportunity |
 * | 46 | Interesting Moment |
 * | 104 | Change Status in Progression |
 */
export const MARKETO_ACTIVITY_TYPES: Readonly<Record<number, string>> = {
  1: "Visit Webpage",
  2: "Fill Out Form",
  3: "Click Link",
  6: "Send Email",
  7: "Email Delivered",
  8: "Email Bounced",
  9: "Unsubscribe Email",
  10: "Open Email",
  11: "Click Email",
  12: "New Lead",
  13: "Change Data Value",
  19: "Sync Lead to SFDC",
  21: "Convert Lead",
  22: "Change Score",
  23: "Change Owner",
  24: "Add to List",
  25: "Remove from List",
  27: "Email Bounced Soft",
  32: "Merge Leads",
  34: "Add to Opportunity",
  46: "Interesting Moment",
  104: "Change Status in Progression",
};

/** The event property that holds an activity's primary attribute value (the page, form, link or email name). */
export const PRIMARY_ATTRIBUTE_PROPERTY: Readonly<Record<number, string>> = {
  1: "webpage",
  2: "form",
  3: "link",
  6: "email",
  7: "email",
  8: "email",
  9: "email",
  10: "email",
  11: "email",
  13: "attribute",
  24: "list",
  25: "list",
  27: "email",
  46: "moment",
  104: "program",
};

/** The event type name of an activity type id. */
export function activityTypeName(id: number, extra?: Readonly<Record<number, string>>): string {
  return extra?.[id] ?? MARKETO_ACTIVITY_TYPES[id] ?? `Activity ${id}`;
}
