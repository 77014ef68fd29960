import type { RelatedTableDefinition } from "@abm-kit/core";
import type { PartnerFileMapping } from "./partner-mapping.js";

/** Intent signals: `domain, topic, score (0-100), observedAt`; rows scoring 70 or more are also `Intent Surge` account events. */
export const INTENT_MAPPING: PartnerFileMapping = {
  table: "intent",
  keyedBy: "domain",
  keyColumn: "domain",
  system: "partner:intent",
  fields: { topic: { column: "topic", type: "string" }, score: { column: "score", type: "number" }, observedAt: { column: "observedAt", type: "date" } },
  accountEvents: { type: "Intent Surge", at: "observedAt", minimum: { field: "score", value: 70 }, properties: ["topic", "score"] },
};

/** Technographics: `domain, technology, category, vendor`. */
export const TECHNOGRAPHICS_MAPPING: PartnerFileMapping = {
  table: "technographics",
  keyedBy: "domain",
  keyColumn: "domain",
  system: "partner:technographics",
  fields: {
    technology: { column: "technology", type: "string" },
    category: { column: "category", type: "string" },
    vendor: { column: "vendor", type: "string" },
  },
};

/** Firmographics by DUNS: `duns, employees, revenue, industry, country, yearFounded`. */
export const FIRMOGRAPHICS_MAPPING: PartnerFileMapping = {
  table: "firmographics",
  keyedBy: "duns",
  keyColumn: "duns",
  system: "partner:firmographics",
  fields: {
    employees: { column: "employees", type: "number" },
    revenue: { column: "revenue", type: "number" },
    industry: { column: "industry", type: "string" },
    country: { column: "country", type: "string" },
    yearFounded: { column: "yearFounded", type: "number" },
  },
};

/** The related-table definition for a partner mapping, to pass to `SnapshotBuilder` / `toSnapshot`. */
export function partnerTableDefinition(mapping: PartnerFileMapping): RelatedTableDefinition {
  return {
    name: mapping.table,
    keyedBy: mapping.keyedBy,
    fields: Object.fromEntries(Object.entries(mapping.fields).map(([name, f]) => [name, { type: f.type }])),
  };
}
