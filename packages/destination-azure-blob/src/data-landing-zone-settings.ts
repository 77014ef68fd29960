import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileExportOptionsSchema, secret } from "@abm-kit/destinations";
import { z } from "zod";
import { AzureBlobSettingsSchema, type AzureBlobSettings } from "./settings.js";

/** The container Adobe Experience Platform provisions for Data Landing Zone exports (one per sandbox). */
export const DATA_LANDING_ZONE_CONTAINER = "dlz-destination";
/** Days after which Adobe deletes every file in a Data Landing Zone container (its documented time-to-live). */
export const DATA_LANDING_ZONE_RETENTION_DAYS = 7;

/** Characters Data Landing Zone refuses in a file or folder name (besides `/`, which separates them), and control characters. */
const FORBIDDEN = /["\\:|<>*?\u0000-\u001f\u007f-\u009f]/;

/** Why `path` is not a usable Data Landing Zone folder path, or undefined. */
function folderProblem(path: string): string | undefined {
  const segments = path.replace(/\/$/, "").split("/");
  if (path.startsWith("/")) return "a folder path does not start with /";
  if (segments.some((segment) => segment === "")) return "a folder path has no empty segment (//)";
  if (segments.some((segment) => segment === "." || segment === "..")) return "a folder path has no . or .. segment";
  if (FORBIDDEN.test(path)) return 'a folder path has none of " \\ : | < > * ? and no control characters';
  if (segments.some((segment) => segment.length > 255)) return "each folder name is at most 255 characters";
  return undefined;
}

const { verify, blockBytes, concurrency, requestTimeoutMs } = AzureBlobSettingsSchema.shape;

/**
 * Settings of the Data Landing Zone preset: the container SAS URL Adobe
 * Experience Platform issues for the `dlz-destination` container (secret),
 * the folder the files go to, and the file export options. Everything else
 * is the Azure Blob destination's, with its defaults. Parses to
 * {@link AzureBlobSettings}: `folderPath` becomes the blob name prefix.
 */
export const DataLandingZoneSettingsSchema = z
  .strictObject({
    ...FileExportOptionsSchema.shape,
    /**
     * The container SAS URL (secret): the `SASUri` that
     * `GET /data/foundation/connectors/landingzone/credentials?type=dlz_destination`
     * of the Experience Platform API returns, `https://<account>.blob.core.windows.net/dlz-destination?sv=…&sig=…`.
     */
    sasUrl: secret(z.url({ protocol: /^https?$/ })),
    /** The folder the exported files go to, e.g. `abm/tier-1` (the destination's "Folder path"). */
    folderPath: z.string().min(1),
    verify,
    blockBytes,
    concurrency,
    requestTimeoutMs,
    /** Where files are written before upload (removed from there once uploaded). */
    stagingDirectory: z
      .string()
      .min(1)
      .default(() => join(tmpdir(), "abm-kit-data-landing-zone-staging")),
  })
  .superRefine(
    (s, ctx) => {
      const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (typeof s.sasUrl === "string") {
        try {
          const url = new URL(s.sasUrl);
          if (!url.searchParams.has("sig")) problem("sasUrl", "a SAS URL carries its signature (sig=…)");
          const container = decodeURIComponent(url.pathname.split("/").filter(Boolean).at(-1) ?? "");
          if (container !== DATA_LANDING_ZONE_CONTAINER) problem("sasUrl", `a Data Landing Zone SAS URL names the ${DATA_LANDING_ZONE_CONTAINER} container`);
        } catch {
          // the URL check has named it already
        }
      }
      if (typeof s.folderPath === "string") {
        const why = folderProblem(s.folderPath);
        if (why !== undefined) problem("folderPath", why);
      }
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  )
  .transform(({ folderPath, ...rest }): AzureBlobSettings => ({ ...rest, prefix: folderPath }));

/** Data Landing Zone settings as given in a plan. */
export type DataLandingZoneSettingsInput = z.input<typeof DataLandingZoneSettingsSchema>;
