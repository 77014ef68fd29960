import { csvText } from "./csv-text.js";

/**
 * A Salesforce REST JSON export (`{ records: [...] }`) as the CSV a Data Loader
 * export of the same query writes: one column per field, a relationship's
 * fields as `Relationship.Field` (`Product2.Name`), without `attributes`. Warehouse
 * mode stages CSV files only; the sample's assets are a JSON export.
 */
export function restJsonAsCsv(json: string): string {
  const parsed = JSON.parse(json) as { records: Record<string, unknown>[] };
  const header: string[] = [];
  const rows = parsed.records.map((record) => {
    const row: Record<string, unknown> = {};
    const put = (name: string, value: unknown) => {
      if (!header.includes(name)) header.push(name);
      row[name] = value;
    };
    for (const [key, value] of Object.entries(record)) {
      if (key === "attributes") continue;
      if (typeof value === "object" && value !== null) {
        for (const [sub, v] of Object.entries(value)) if (sub !== "attributes") put(`${key}.${sub}`, v);
      } else put(key, value);
    }
    return row;
  });
  return csvText(header, rows, "\r\n");
}
