import type { ExportFile, ObjectSpec } from "@abm-kit/sources";
import type { StagedFile } from "../load/stage-result.js";

/** One export file after staging: what it is, the spec it was read with, and its staged table. */
export interface StagedExport {
  /** The file as given to `loadExportsIntoWarehouse`. */
  readonly file: ExportFile;
  /** What the file holds (`salesforce:Contact`, `marketo:leads`, `partner:intent`, `mapped:<system>:<object>`). */
  readonly kind: string;
  readonly spec: ObjectSpec;
  readonly staged: StagedFile;
}
