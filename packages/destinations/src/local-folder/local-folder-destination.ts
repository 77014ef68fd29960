import { mkdir, rename } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { defineDestination } from "../definition/destination-definition.js";
import { FileExportOptionsSchema } from "../files/file-export-options.js";
import { safeJoin } from "../files/file-name-template.js";
import { removeEmptyStaging } from "./staging-cleanup.js";

/** Settings of the local-folder destination: the folder plus the file export options. */
export const LocalFolderSettingsSchema = FileExportOptionsSchema.extend({
  /** The folder exports are written to (created if missing). */
  path: z.string().min(1),
});
/** Local-folder settings as given. */
export type LocalFolderSettingsInput = z.input<typeof LocalFolderSettingsSchema>;
/** Local-folder settings after defaults. */
export type LocalFolderSettings = z.output<typeof LocalFolderSettingsSchema>;

/** The staging sub-folder where files are written before being moved into place. */
export const LOCAL_FOLDER_STAGING = ".abm-kit-staging";

/**
 * The embedded default destination: full and incremental exports of account
 * and person audiences as CSV, JSON Lines or Parquet files (optionally
 * gzipped, split every N rows) with a manifest, in a local folder. Files are
 * written to a staging sub-folder and renamed into place, so a reader never
 * sees a half-written file; the staging folder is removed once empty.
 */
export const localFolderDestination = defineDestination({
  id: "local-folder",
  name: "Local folder",
  description: "Writes audience exports as files in a local folder.",
  settings: LocalFolderSettingsSchema,
  audienceTypes: ["account", "person"],
  identities: ["companyName", "companyDomain", "email", "sha256Email", "crmAccountId", "crmContactId", "externalId"],
  delivery: { kind: "file", modes: ["full", "incremental"] },
  limits: {},
  marketingActions: ["exportToThirdParty"],
  // any target name: columns are whatever the plan maps
  mappingTargets: { account: [], person: [] },
  retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 1000 },
  file: {
    options: (settings) => settings,
    stagingDirectory: (settings) => join(settings.path, LOCAL_FOLDER_STAGING),
    deliver: async (ctx, file) => {
      await mkdir(ctx.settings.path, { recursive: true });
      await rename(file.localPath, safeJoin(ctx.settings.path, file.name));
      // the manifest is an audience's last file: the staging folder, empty now, goes too
      if (file.kind === "manifest") await removeEmptyStaging(join(ctx.settings.path, LOCAL_FOLDER_STAGING));
    },
  },
});
