/**
 * Smoke test against real Google Cloud Storage. Not part of the tests.
 *
 *   ABM_GCS_SMOKE_BUCKET=my-bucket GOOGLE_APPLICATION_CREDENTIALS=key.json \
 *     npx tsx packages/destination-gcs/scripts/smoke.ts
 *
 * Credentials: GOOGLE_APPLICATION_CREDENTIALS naming a service account JSON key
 * (passed as `serviceAccountKey`), or ABM_GCS_SMOKE_ADC=1 to use
 * application-default credentials as they are (gcloud's, the metadata server's).
 * Optional: ABM_GCS_SMOKE_PREFIX (default `abm-kit-smoke/`), ABM_GCS_SMOKE_ROWS
 * (default 60,000: a data file of a few MiB, sent by resumable upload in 1 MiB
 * chunks), ABM_GCS_SMOKE_KMS_KEY (a CMEK key
 * name), ABM_GCS_SMOKE_KEEP=1 (leave the objects).
 * It exports one account audience, reads every object back and compares it with
 * the manifest's SHA-256, shows what GCS reports for each, then deletes what it wrote.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { buildSnapshot } from "@abm-kit/core";
import { activate, ExportManifestSchema, MemoryStateStore } from "@abm-kit/destinations";
import { gcsDestination, GcsSettingsSchema, resolveCredentials } from "@abm-kit/destination-gcs";
import { Storage } from "@google-cloud/storage";
import { OAuth2Client } from "google-auth-library";

const env = process.env;
const bucket = env.ABM_GCS_SMOKE_BUCKET;
const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS;
const useAdc = env.ABM_GCS_SMOKE_ADC === "1";
if (bucket === undefined || (keyFile === undefined && !useAdc)) {
  console.log(
    [
      "GCS smoke test: skipped (it talks to a real bucket only when told to).",
      "Set ABM_GCS_SMOKE_BUCKET and either GOOGLE_APPLICATION_CREDENTIALS (a service account JSON key file)",
      "or ABM_GCS_SMOKE_ADC=1 (application-default credentials). The account needs storage.objects.create,",
      "get, list and delete on the bucket (roles/storage.objectAdmin).",
    ].join("\n"),
  );
  process.exit(0);
}

const prefix = env.ABM_GCS_SMOKE_PREFIX ?? "abm-kit-smoke/";
const rows = Number(env.ABM_GCS_SMOKE_ROWS ?? 60_000);
const serviceAccountKey = keyFile !== undefined && !useAdc ? (JSON.parse(readFileSync(keyFile, "utf8")) as unknown) : undefined;
const settings = {
  bucket,
  keyPrefix: prefix,
  ...(serviceAccountKey !== undefined ? { serviceAccountKey } : {}),
  ...(env.ABM_GCS_SMOKE_KMS_KEY !== undefined ? { kmsKeyName: env.ABM_GCS_SMOKE_KMS_KEY } : {}),
  // a resumable upload of several chunks for the data file, one request for the manifest
  resumableThresholdBytes: 1024 * 1024,
  chunkSizeBytes: 1024 * 1024,
};
const now = new Date().toISOString();
const accounts = Array.from({ length: rows }, (_, i) => ({ id: `a${i}`, name: `Smoke Company ${i}`, domain: `smoke${i}.example.com` }));
const snapshot = buildSnapshot({ accounts }, { asOf: now });
const report = await activate(
  {
    id: "gcs-smoke",
    destination: { id: "gcs", settings },
    audiences: [{ audienceId: "smoke" }],
    mapping: {
      account: [
        { source: "account.name", target: "name" },
        { source: "account.domain", target: "domain" },
      ],
    },
    mode: "full",
  },
  {
    destination: gcsDestination,
    snapshot,
    audiences: [{ audienceId: "smoke", type: "account", memberIds: accounts.map((a) => a.id) }],
    now,
    state: new MemoryStateStore(),
  },
);
console.log(`export: ${report.status}, ${report.totals.exported} rows, ${report.requests} calls, ${report.retries} retries`);
const manifestFile = report.audiences[0]?.manifest;
if (report.status !== "completed" || manifestFile === undefined) {
  console.log(JSON.stringify(report.audiences[0]?.warnings ?? report.failures, null, 2));
  process.exit(1);
}

// read back with a client of its own
const parsed = GcsSettingsSchema.parse(settings);
const auth = await resolveCredentials(parsed, Date.now(), AbortSignal.timeout(30_000));
const authClient = new OAuth2Client();
authClient.setCredentials({ access_token: auth.accessToken });
const storage = new Storage({ authClient });
const objects = (await storage.bucket(bucket).getFiles({ prefix }))[0].map((f) => f.name);
const manifestKey = objects.find((k) => k.endsWith(".manifest.json") && !k.includes(".abm-kit-uploads/"))!;
const manifest = ExportManifestSchema.parse(JSON.parse((await storage.bucket(bucket).file(manifestKey).download())[0].toString("utf8")));
let ok = true;
for (const file of manifest.files) {
  const object = storage.bucket(bucket).file(`${prefix}${file.name}`);
  const [bytes] = await object.download();
  const [meta] = await object.getMetadata();
  const match = bytes.length === file.bytes && createHash("sha256").update(bytes).digest("hex") === file.sha256;
  ok &&= match;
  console.log(
    `${file.name}: ${bytes.length} bytes, crc32c ${meta.crc32c}, md5 ${meta.md5Hash ?? "-"}, kms ${meta.kmsKeyName ?? "-"}: ${match ? "matches" : "DIFFERS FROM"} the manifest`,
  );
}
if (env.ABM_GCS_SMOKE_KEEP !== "1") {
  for (const key of objects) await storage.bucket(bucket).file(key).delete({ ignoreNotFound: true });
  console.log(`deleted ${objects.length} objects under gs://${bucket}/${prefix}`);
}
process.exit(ok ? 0 : 1);
