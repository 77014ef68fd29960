/**
 * Smoke test against a real Azure Storage account. Not part of the tests.
 *
 *   ABM_AZURE_SMOKE_CONNECTION_STRING='DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…' \
 *   ABM_AZURE_SMOKE_CONTAINER=abm-smoke \
 *     npx tsx packages/destination-azure-blob/scripts/smoke.ts
 *
 * Optional: ABM_AZURE_SMOKE_PREFIX (default `abm-kit-smoke`), ABM_AZURE_SMOKE_ROWS
 * (default 20,000), ABM_AZURE_SMOKE_KEEP=1 (leave the blobs). It exports one account
 * audience (each blob is checked by size and SHA-256 and read back by the
 * destination), prints the report's status, then deletes what it wrote.
 */
import { buildSnapshot } from "@abm-kit/core";
import { activate, MemoryStateStore } from "@abm-kit/destinations";
import { AzureBlobSettingsSchema, azureBlobDestination, containerClientOf } from "@abm-kit/destination-azure-blob";

const env = process.env;
const connectionString = env.ABM_AZURE_SMOKE_CONNECTION_STRING;
const container = env.ABM_AZURE_SMOKE_CONTAINER;
if (connectionString === undefined || container === undefined) {
  console.log(
    "Azure Blob smoke test: skipped (it talks to a real account only when told to). Set ABM_AZURE_SMOKE_CONNECTION_STRING and ABM_AZURE_SMOKE_CONTAINER.",
  );
  process.exit(0);
}

const rows = Number(env.ABM_AZURE_SMOKE_ROWS ?? 20_000);
const now = new Date().toISOString();
const prefix = env.ABM_AZURE_SMOKE_PREFIX ?? "abm-kit-smoke";
const input = { connectionString, container, prefix, maxRowsPerFile: 10_000 };
const ids = Array.from({ length: rows }, (_, i) => `a${i}`);
const snapshot = buildSnapshot({ accounts: ids.map((id, i) => ({ id, name: `Account ${i}`, domain: `account-${i}.example` })) }, { asOf: now });
const started = performance.now();
const report = await activate(
  {
    id: "azure-smoke",
    destination: { id: "azure-blob", settings: input },
    audiences: [{ audienceId: "smoke" }],
    mapping: {
      account: [
        { source: "account.name", target: "name" },
        { source: "account.domain", target: "domain" },
      ],
    },
    mode: "full",
  },
  { destination: azureBlobDestination, snapshot, audiences: [{ audienceId: "smoke", type: "account", memberIds: ids }], now, state: new MemoryStateStore() },
);
console.log(`${report.status}: ${report.totals.exported} rows in ${Math.round(performance.now() - started)} ms`);
const client = containerClientOf(AzureBlobSettingsSchema.parse(input));
for await (const blob of client.listBlobsFlat({ prefix: `${prefix}/` })) {
  console.log(`  ${blob.name} ${blob.properties.contentLength} bytes`);
  if (env.ABM_AZURE_SMOKE_KEEP !== "1") await client.deleteBlob(blob.name);
}
process.exit(report.status === "completed" ? 0 : 1);
