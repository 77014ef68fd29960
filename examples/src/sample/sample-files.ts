import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { RelatedTableDefinition } from "@abm-kit/core";
import {
  FIRMOGRAPHICS_MAPPING,
  INTENT_MAPPING,
  TECHNOGRAPHICS_MAPPING,
  partnerTableDefinition,
  type ExportFile,
  type SalesforceReadOptions,
} from "@abm-kit/sources";

/** The folder of the checked-in sample exports. */
export const SAMPLE_DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));

const SALESFORCE_OPTIONS: SalesforceReadOptions = {
  instance: "00DSa0000000001",
  fieldTypes: { Segments__c: "multi" },
  consentColumns: { Ad_Opt_Out__c: { channel: "advertising", optOutWhen: true } },
};

/** Every sample file and what it holds, in the order they are read. */
export function sampleFiles(folder = SAMPLE_DATA_DIR): ExportFile[] {
  const sf = (object: Extract<ExportFile, { source: "salesforce" }>["object"], file = `${object}.csv`): ExportFile => ({
    source: "salesforce",
    object,
    path: join(folder, "salesforce", file),
    options: SALESFORCE_OPTIONS,
  });
  const mkto = (kind: Extract<ExportFile, { source: "marketo" }>["export"]): ExportFile => ({
    source: "marketo",
    export: kind,
    path: join(folder, "marketo", `${kind}.csv`),
    options: { instance: "123-ABC-456", consentColumns: { adOptOut: { channel: "advertising", optOutWhen: true } } },
  });
  return [
    sf("Account"),
    sf("Contact"),
    sf("Lead"),
    sf("AccountContactRelation"),
    sf("Opportunity"),
    sf("OpportunityContactRole"),
    sf("Campaign"),
    sf("CampaignMember"),
    sf("Product2"),
    sf("Asset", "Asset.json"),
    mkto("leads"),
    mkto("activities"),
    mkto("companies"),
    mkto("opportunities"),
    { source: "partner", mapping: INTENT_MAPPING, path: join(folder, "partner", "intent.csv") },
    { source: "partner", mapping: TECHNOGRAPHICS_MAPPING, path: join(folder, "partner", "technographics.csv") },
    { source: "partner", mapping: FIRMOGRAPHICS_MAPPING, path: join(folder, "partner", "firmographics.csv") },
  ];
}

/** The partner tables of the sample snapshot (the Asset reader declares `ownedProducts` itself). */
export const SAMPLE_RELATED_TABLES: readonly RelatedTableDefinition[] = [
  partnerTableDefinition(INTENT_MAPPING),
  partnerTableDefinition(TECHNOGRAPHICS_MAPPING),
  partnerTableDefinition(FIRMOGRAPHICS_MAPPING),
];
