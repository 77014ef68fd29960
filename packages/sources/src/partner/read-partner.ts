import { parseOrThrow, type AttributeValue, type EventSourceRecord, type RelatedSourceRecord } from "@abm-kit/core";
import { z } from "zod";
import { checkArguments } from "../read/check-arguments.js";
import { emptyRecord } from "../read/empty-record.js";
import { createFileReport } from "../read/file-report.js";
import { InputSourceSchema, inputName, type InputSource } from "../read/input-source.js";
import { mapRows } from "../read/map-rows.js";
import { NameOptionsSchema } from "../read/name-options.js";
import type { ObjectSpec } from "../read/object-spec.js";
import { readCsv } from "../read/read-csv.js";
import type { SourceResult } from "../read/source-result.js";
import type { ValueType } from "../values/parse-value.js";
import { PartnerFileMappingSchema, type PartnerFileMapping } from "./partner-mapping.js";

const ArgumentsSchema = z.object({ input: InputSourceSchema, mapping: PartnerFileMappingSchema, options: NameOptionsSchema });

/** The spec of a partner file: a key column and typed fields; other columns are reported and ignored. Throws `ValidationError` when the mapping is invalid. */
export function partnerSpec(mapping: PartnerFileMapping): ObjectSpec {
  parseOrThrow(PartnerFileMappingSchema, mapping, "partner mapping");
  const columns = emptyRecord<ValueType>();
  columns[mapping.keyColumn] = "string";
  for (const f of Object.values(mapping.fields)) columns[f.column] = f.type;
  return {
    kind: `partner:${mapping.table}`,
    columns,
    required: [mapping.keyColumn],
    isKnownExtra: () => false,
    keepsExtras: false,
    map: ({ values, origin }) => {
      const key = values[mapping.keyColumn] as string;
      const rowValues = emptyRecord<AttributeValue>();
      for (const [name, f] of Object.entries(mapping.fields)) {
        const v = values[f.column];
        if (v !== undefined) rowValues[name] = v;
      }
      const rowId = `${origin.file ?? mapping.table}:${origin.line ?? ""}`;
      const related: RelatedSourceRecord[] = [
        {
          table: mapping.table,
          row: { id: rowId, key, values: rowValues, sourceKeys: [{ system: mapping.system, object: mapping.table, id: rowId }] },
          origin,
        },
      ];
      const events: EventSourceRecord[] = [];
      const ev = mapping.accountEvents;
      if (ev) {
        const at = rowValues[ev.at];
        const gate = ev.minimum ? rowValues[ev.minimum.field] : undefined;
        const passes = ev.minimum === undefined || (typeof gate === "number" && gate >= ev.minimum.value);
        if (passes && typeof at === "string") {
          const occurredAt = at.length === 10 ? `${at}T00:00:00.000Z` : at;
          const properties = Object.fromEntries(
            (ev.properties ?? [])
              .filter((p) => rowValues[p] !== undefined && !Array.isArray(rowValues[p]))
              .map((p) => [p, rowValues[p] as string | number | boolean]),
          );
          events.push({
            event: { id: `${mapping.system}:${rowId}`, type: ev.type, occurredAt, properties },
            account: { namespace: mapping.keyedBy, value: key },
            origin,
          });
        }
      }
      return { related, events };
    },
  };
}

/**
 * Reads a third-party file (firmographics, intent, technographics) keyed by
 * domain or DUNS into related-table rows (and, for intent, surge events on the
 * account that owns the domain).
 */
export async function readPartnerCsv(input: InputSource, mapping: PartnerFileMapping, options: { readonly name?: string } = {}): Promise<SourceResult> {
  checkArguments("readPartnerCsv", ArgumentsSchema, { input, mapping, options });
  const report = createFileReport(options.name ?? inputName(input), `partner:${mapping.table}`);
  const { header, rows } = await readCsv(input, report);
  return { batch: mapRows(rows, header, partnerSpec(mapping), report), report };
}
