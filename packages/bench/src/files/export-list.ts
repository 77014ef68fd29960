import { join } from "node:path";
import type { RelatedTableDefinition } from "@abm-kit/core";
import { INTENT_MAPPING, TECHNOGRAPHICS_MAPPING, partnerTableDefinition, type ExportFile } from "@abm-kit/sources";

/** The export files `writeExportFiles` writes, as `loadExports` takes them. */
export function exportFileList(folder: string): ExportFile[] {
  const sf = (object: Extract<ExportFile, { source: "salesforce" }>["object"]): ExportFile => ({
    source: "salesforce",
    object,
    path: join(folder, "salesforce", `${object}.csv`),
  });
  return [
    sf("Account"),
    sf("Contact"),
    sf("AccountContactRelation"),
    sf("Opportunity"),
    sf("OpportunityContactRole"),
    sf("Asset"),
    { source: "marketo", export: "leads", path: join(folder, "marketo", "leads.csv") },
    { source: "marketo", export: "activities", path: join(folder, "marketo", "activities.csv"), options: { activityTypes: { 100001: "Attend Webinar" } } },
    { source: "partner", mapping: INTENT_MAPPING, path: join(folder, "partner", "intent.csv") },
    { source: "partner", mapping: TECHNOGRAPHICS_MAPPING, path: join(folder, "partner", "technographics.csv") },
  ];
}

/** The related tables of the Snapshot built from the export files. */
export const EXPORT_RELATED_TABLES: readonly RelatedTableDefinition[] = [
  {
    name: "ownedProducts",
    keyedBy: "account",
    fields: { product: { type: "string" }, productFamily: { type: "string" }, purchaseDate: { type: "date" }, status: { type: "string" } },
  },
  partnerTableDefinition(INTENT_MAPPING),
  partnerTableDefinition(TECHNOGRAPHICS_MAPPING),
];
