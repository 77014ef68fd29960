import { z } from "zod";
import { checkArguments } from "../read/check-arguments.js";
import { createFileReport } from "../read/file-report.js";
import { InputSourceSchema, inputName, type InputSource } from "../read/input-source.js";
import { mapRows } from "../read/map-rows.js";
import { readCsv } from "../read/read-csv.js";
import { readJson } from "../read/read-json.js";
import type { SourceResult } from "../read/source-result.js";
import { flattenRestRecords } from "./flatten-rest-records.js";
import { SalesforceReadOptionsSchema, type SalesforceReadOptions } from "./salesforce-options.js";
import { SALESFORCE_OBJECTS, salesforceSpec, type SalesforceObject } from "./salesforce-specs.js";

const ArgumentsSchema = z.object({ object: z.enum(SALESFORCE_OBJECTS), input: InputSourceSchema, options: SalesforceReadOptionsSchema });
const ProductArgumentsSchema = ArgumentsSchema.omit({ object: true });

/**
 * Reads a Salesforce CSV export of one object (header = field API names, as
 * Data Loader and Bulk API write it) into identity-graph records.
 */
export async function readSalesforceCsv(object: SalesforceObject, input: InputSource, options: SalesforceReadOptions = {}): Promise<SourceResult> {
  checkArguments("readSalesforceCsv", ArgumentsSchema, { object, input, options });
  const report = createFileReport(options.name ?? inputName(input), `salesforce:${object}`);
  const { header, rows } = await readCsv(input, report);
  const batch = mapRows(rows, header, salesforceSpec(object, options), report, options);
  return { batch, report };
}

/** Reads a Salesforce REST query result (JSON; one response or an array of pages) of one object. */
export async function readSalesforceJson(object: SalesforceObject, input: InputSource, options: SalesforceReadOptions = {}): Promise<SourceResult> {
  checkArguments("readSalesforceJson", ArgumentsSchema, { object, input, options });
  const report = createFileReport(options.name ?? inputName(input), `salesforce:${object}`);
  const json = await readJson(input, report);
  if (json === undefined) return { batch: {}, report };
  const { rows, columns } = flattenRestRecords(json, object, report);
  const batch = mapRows(rows, columns, salesforceSpec(object, options), report, options);
  return { batch, report };
}

/**
 * Reads Product2 (CSV or REST JSON) into a lookup of product names and families
 * by 18-character id, for Asset files that carry only `Product2Id`.
 */
export async function readSalesforceProducts(
  input: InputSource,
  options: SalesforceReadOptions = {},
): Promise<{ products: Map<string, { name?: string; family?: string; code?: string }>; report: SourceResult["report"] }> {
  checkArguments("readSalesforceProducts", ProductArgumentsSchema, { input, options });
  const name = options.name ?? inputName(input);
  const isJson = name.toLowerCase().endsWith(".json");
  const report = createFileReport(name, "salesforce:Product2");
  let rows;
  let columns: readonly string[];
  if (isJson) {
    const json = await readJson(input, report);
    ({ rows, columns } = json === undefined ? { rows: [], columns: [] } : flattenRestRecords(json, "Product2", report));
  } else {
    const csv = await readCsv(input, report);
    rows = csv.rows;
    columns = csv.header;
  }
  const products = new Map<string, { name?: string; family?: string; code?: string }>();
  const spec = salesforceSpec("Product2", options);
  mapRows(
    rows,
    columns,
    {
      ...spec,
      map: ({ values }) => {
        products.set(values.Id as string, {
          name: values.Name as string,
          ...(typeof values.Family === "string" ? { family: values.Family } : {}),
          ...(typeof values.ProductCode === "string" ? { code: values.ProductCode } : {}),
        });
        return {};
      },
    },
    report,
    options,
  );
  return { products, report };
}
