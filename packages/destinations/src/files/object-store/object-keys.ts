/** The key of a file: the key prefix, then the file name. */
export function objectKey(keyPrefix: string, name: string): string {
  return `${keyPrefix}${name}`;
}

/** The folder (under the key prefix) holding a marker per export being uploaded. */
export const JOURNAL_FOLDER = ".abm-kit-uploads/";

/** The key of the marker of the export whose manifest is `manifestName`. */
export function journalKey(keyPrefix: string, manifestName: string): string {
  return `${keyPrefix}${JOURNAL_FOLDER}${manifestName}`;
}

/** The content type of a file by its name. Gzipped files are `application/gzip` with no Content-Encoding, so readers get the bytes the manifest describes. */
export function contentTypeOf(name: string): string {
  if (name.endsWith(".gz")) return "application/gzip";
  if (name.endsWith(".csv")) return "text/csv; charset=utf-8";
  if (name.endsWith(".jsonl")) return "application/x-ndjson";
  if (name.endsWith(".parquet")) return "application/vnd.apache.parquet";
  if (name.endsWith(".json")) return "application/json";
  return "application/octet-stream";
}
