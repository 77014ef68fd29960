import { dateToEpochMs, parseOrThrow, type AttributeValue, type IdentityBatch, type IdentityRef, type SourceKey } from "@abm-kit/core";
import { z } from "zod";
import { checkArguments } from "../read/check-arguments.js";
import { emptyRecord } from "../read/empty-record.js";
import { createFileReport } from "../read/file-report.js";
import { InputSourceSchema, inputName, type InputSource } from "../read/input-source.js";
import { jsonRows } from "../read/json-rows.js";
import { mapRows } from "../read/map-rows.js";
import { NameOptionsSchema } from "../read/name-options.js";
import type { ObjectSpec } from "../read/object-spec.js";
import { readCsv } from "../read/read-csv.js";
import { readJson } from "../read/read-json.js";
import type { SourceResult } from "../read/source-result.js";
import { parseInstant, type ValueType } from "../values/parse-value.js";
import { FieldMappingSchema, type FieldMapping } from "./field-mapping.js";

const ArgumentsSchema = z.object({ input: InputSourceSchema, mapping: FieldMappingSchema, options: NameOptionsSchema });

/** The spec of a declared mapping. Throws `ValidationError` when the mapping itself is invalid. */
export function mappedSpec(input: FieldMapping): ObjectSpec {
  const m = parseOrThrow(FieldMappingSchema, input, "field mapping");
  const columns = emptyRecord<ValueType>();
  columns[m.idColumn] = "id";
  for (const [column, f] of Object.entries(m.fields)) columns[column] = f.type;
  for (const i of m.identities) columns[i.column] = "id";
  if (m.account) columns[m.account.column] = "id";
  if (m.owner) columns[m.owner.column] = "id";
  if (m.eventType && typeof m.eventType !== "string") columns[m.eventType.column] = "string";
  if (m.occurredAtColumn) columns[m.occurredAtColumn] = "string";
  const required = [m.idColumn, ...(m.entity === "event" ? [m.owner?.column, m.occurredAtColumn].filter((c): c is string => c !== undefined) : [])];
  const namespace = m.namespace ?? `${m.system}.${m.entity}`;
  return {
    kind: `mapped:${m.system}:${m.object ?? m.entity}`,
    entity: m.entity === "event" ? undefined : m.entity,
    columns,
    required,
    idColumn: m.idColumn,
    isKnownExtra: () => true,
    map: ({ values, attributes, origin, problem }): IdentityBatch | undefined => {
      const id = values[m.idColumn] as string;
      const sourceKey: SourceKey = { system: m.system, ...(m.object ? { object: m.object } : {}), id };
      const fields: Record<string, AttributeValue> = {};
      for (const [column, f] of Object.entries(m.fields)) if (values[column] !== undefined) fields[f.field] = values[column]!;
      const withAttributes = Object.keys(attributes).length > 0 ? { ...fields, attributes: { ...attributes } } : fields;
      const identities: IdentityRef[] = m.identities
        .filter((i) => typeof values[i.column] === "string")
        .map((i) => ({ namespace: i.namespace, value: values[i.column] as string }));
      const me = { namespace, value: id };
      if (m.entity === "person") {
        const accountValue = m.account ? values[m.account.column] : undefined;
        return {
          persons: [{ key: me, sourceKey, identities, origin, person: withAttributes }],
          links:
            m.account && typeof accountValue === "string"
              ? [{ person: me, account: { namespace: m.account.namespace, value: accountValue }, rule: m.account.rule ?? "mapped", sourceKey, origin }]
              : [],
        };
      }
      if (m.entity === "account") return { accounts: [{ key: me, sourceKey, identities, origin, account: withAttributes }] };
      const type = typeof m.eventType === "string" ? m.eventType : m.eventType ? values[m.eventType.column] : undefined;
      if (typeof type !== "string") {
        problem(typeof m.eventType === "object" ? m.eventType.column : undefined, "the event has no type", "error", "missing_value");
        return undefined;
      }
      const at = String(values[m.occurredAtColumn!]);
      const occurredAt = /^\d{4}-\d{2}-\d{2}$/.test(at) && !Number.isNaN(dateToEpochMs(at)) ? `${at}T00:00:00.000Z` : parseInstant(at);
      if (occurredAt === undefined) {
        problem(m.occurredAtColumn, `${JSON.stringify(at)} is not a date (YYYY-MM-DD) or a date-time with a time zone`, "error", "invalid_value");
        return undefined;
      }
      const properties = Object.fromEntries(Object.entries(attributes).filter(([, v]) => !Array.isArray(v))) as Record<
        string,
        string | number | boolean | null
      >;
      const owner = { namespace: m.owner!.namespace, value: values[m.owner!.column] as string };
      return {
        events: [
          {
            event: { id: `${m.system}:${id}`, type, occurredAt, properties, sourceKeys: [sourceKey] },
            ...(m.owner!.kind === "account" ? { account: owner } : { person: owner }),
            origin,
          },
        ],
      };
    },
  };
}

/** Reads any CSV file with a declared field mapping. */
export async function readMappedCsv(input: InputSource, mapping: FieldMapping, options: { readonly name?: string } = {}): Promise<SourceResult> {
  checkArguments("readMappedCsv", ArgumentsSchema, { input, mapping, options });
  const spec = mappedSpec(mapping);
  const report = createFileReport(options.name ?? inputName(input), spec.kind);
  const { header, rows } = await readCsv(input, report);
  return { batch: mapRows(rows, header, spec, report), report };
}

/** Reads a JSON array of flat records (or `{ records: [...] }`) with a declared field mapping. */
export async function readMappedJson(input: InputSource, mapping: FieldMapping, options: { readonly name?: string } = {}): Promise<SourceResult> {
  checkArguments("readMappedJson", ArgumentsSchema, { input, mapping, options });
  const spec = mappedSpec(mapping);
  const report = createFileReport(options.name ?? inputName(input), spec.kind);
  const json = await readJson(input, report);
  const records = Array.isArray(json) ? json : (json as { records?: unknown } | undefined)?.records;
  if (!Array.isArray(records)) {
    if (json !== undefined)
      report.problems.push({ file: report.file, message: "expected an array of records or { records: [...] }", severity: "error", code: "invalid_json" });
    return { batch: {}, report };
  }
  const { rows, columns } = jsonRows(records, report);
  return { batch: mapRows(rows, columns, spec, report), report };
}
