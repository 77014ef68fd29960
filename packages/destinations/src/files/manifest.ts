import { z } from "zod";

/** One file of an export. */
export const ManifestFileSchema = z.object({
  name: z.string(),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** The manifest written beside every export: what was written, how many rows, with checksums. */
export const ExportManifestSchema = z.object({
  version: z.literal(1),
  destination: z.string(),
  audienceId: z.string(),
  audienceName: z.string(),
  mode: z.enum(["full", "incremental"]),
  createdAt: z.string(),
  format: z.enum(["csv", "jsonl", "parquet"]),
  compression: z.enum(["none", "gzip"]),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  files: z.array(ManifestFileSchema),
  totalRows: z.number().int().nonnegative(),
  /** Rows by membership status (`realized`, `existing`, `exited`). */
  rowsByStatus: z.record(z.string(), z.number().int().nonnegative()),
});
/** An export manifest. */
export type ExportManifest = z.infer<typeof ExportManifestSchema>;
/** One file entry of a manifest. */
export type ManifestFile = z.infer<typeof ManifestFileSchema>;
