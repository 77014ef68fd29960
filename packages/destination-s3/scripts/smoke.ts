/**
 * Smoke test against real Amazon S3 (or an S3-compatible store). Not part of the tests.
 *
 *   ABM_S3_SMOKE_BUCKET=my-bucket AWS_REGION=eu-west-1 AWS_PROFILE=dev \
 *     npx tsx packages/destination-s3/scripts/smoke.ts
 *
 * Credentials come from the AWS SDK's default provider chain (AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, or AWS_PROFILE, SSO, a role).
 * Optional: ABM_S3_SMOKE_ENDPOINT (an S3-compatible store), ABM_S3_SMOKE_PREFIX
 * (default `abm-kit-smoke/`), ABM_S3_SMOKE_ROWS (default 60,000: large enough for
 * a multipart upload of 3+ parts), ABM_S3_SMOKE_KEEP=1 (leave the objects).
 * It exports one account audience, reads every object back and compares it with
 * the manifest's SHA-256, shows what HeadObject reports, then deletes what it wrote.
 */
import { createHash } from "node:crypto";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { buildSnapshot } from "@abm-kit/core";
import { activate, ExportManifestSchema, MemoryStateStore } from "@abm-kit/destinations";
import { s3Destination, transferOptions, S3SettingsSchema } from "@abm-kit/destination-s3";

const env = process.env;
const bucket = env.ABM_S3_SMOKE_BUCKET;
const region = env.ABM_S3_SMOKE_REGION ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
const hasCredentials = env.AWS_ACCESS_KEY_ID !== undefined || env.AWS_PROFILE !== undefined || env.AWS_WEB_IDENTITY_TOKEN_FILE !== undefined;
if (bucket === undefined || region === undefined || !hasCredentials) {
  console.log(
    [
      "S3 smoke test: skipped (it talks to a real bucket only when told to).",
      "Set ABM_S3_SMOKE_BUCKET, AWS_REGION (or ABM_S3_SMOKE_REGION) and credentials for the AWS SDK's default",
      "provider chain (AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY [+ AWS_SESSION_TOKEN], or AWS_PROFILE).",
      "Optional: ABM_S3_SMOKE_ENDPOINT, ABM_S3_SMOKE_PREFIX, ABM_S3_SMOKE_ROWS, ABM_S3_SMOKE_KEEP=1.",
      `Missing: ${[bucket === undefined ? "ABM_S3_SMOKE_BUCKET" : "", region === undefined ? "AWS_REGION" : "", hasCredentials ? "" : "credentials"].filter(Boolean).join(", ")}`,
    ].join("\n"),
  );
  process.exit(0);
}

const rows = Number(env.ABM_S3_SMOKE_ROWS ?? 60_000);
const keyPrefix = `${env.ABM_S3_SMOKE_PREFIX ?? "abm-kit-smoke/"}${Date.now()}/`;
const now = new Date().toISOString();
const settings = S3SettingsSchema.parse({
  bucket,
  region,
  keyPrefix,
  ...(env.ABM_S3_SMOKE_ENDPOINT !== undefined ? { endpoint: env.ABM_S3_SMOKE_ENDPOINT } : {}),
  multipartThresholdBytes: 5 * 1024 * 1024,
  partSizeBytes: 5 * 1024 * 1024,
});
console.log(`S3 smoke test: ${rows} rows to s3://${bucket}/${keyPrefix} (${region}); transfer ${JSON.stringify(transferOptions(settings))}`);

const ids = Array.from({ length: rows }, (_, i) => `acc-${String(i).padStart(6, "0")}`);
const snapshot = buildSnapshot({ accounts: ids.map((id, i) => ({ id, name: `Smoke Company ${i}`, domain: `smoke${i}.example.com` })) }, { asOf: now });
const report = await activate(
  {
    id: "s3-smoke",
    destination: { id: "s3", settings },
    audiences: [{ audienceId: "smoke" }],
    mapping: {
      account: [
        { source: "account.name", target: "name" },
        { source: "account.domain", target: "domain" },
        { value: "x".repeat(200), target: "padding" },
      ],
    },
    mode: "full",
  },
  { destination: s3Destination, snapshot, audiences: [{ audienceId: "smoke", type: "account", memberIds: ids }], now, state: new MemoryStateStore() },
);
console.log(`activation: ${report.status}, ${report.requests} calls, ${report.retries} retries, ${report.durationMs.toFixed(0)} ms`);
for (const w of report.audiences.flatMap((a) => a.warnings)) console.log(`  warning: ${w}`);

const client = new S3Client({ region, ...(settings.endpoint !== undefined ? { endpoint: settings.endpoint, forcePathStyle: true } : {}) });
let failures = report.status === "completed" ? 0 : 1;
const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: keyPrefix }));
const keys = (listed.Contents ?? []).map((o) => o.Key!);
console.log(`objects: ${keys.join(", ")}`);
const manifestKey = keys.find((k) => k.endsWith(".manifest.json"));
if (manifestKey !== undefined) {
  const read = async (key: string) => Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray());
  const manifest = ExportManifestSchema.parse(JSON.parse((await read(manifestKey)).toString("utf8")));
  for (const file of manifest.files) {
    const bytes = await read(`${keyPrefix}${file.name}`);
    const ok = bytes.length === file.bytes && createHash("sha256").update(bytes).digest("hex") === file.sha256;
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: `${keyPrefix}${file.name}`, ChecksumMode: "ENABLED" }));
    console.log(
      `  ${file.name}: ${file.bytes} bytes, read back ${ok ? "equal to" : "DIFFERENT FROM"} the manifest; ETag ${head.ETag}, ChecksumSHA256 ${head.ChecksumSHA256 ?? "-"} (${head.ChecksumType ?? "-"}), SSE ${head.ServerSideEncryption ?? "-"}`,
    );
    if (!ok) failures++;
  }
} else {
  console.log("  no manifest was written");
  failures++;
}
if (env.ABM_S3_SMOKE_KEEP !== "1") {
  for (const key of keys) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  console.log(`deleted ${keys.length} objects`);
}
console.log(failures === 0 ? "S3 smoke test passed" : `S3 smoke test FAILED (${failures})`);
process.exitCode = failures === 0 ? 0 : 1;
