/**
 * Smoke test against a real SFTP server. Not part of the tests.
 *
 *   ABM_SFTP_SMOKE_HOST=sftp.example.com ABM_SFTP_SMOKE_USER=me \
 *   ABM_SFTP_SMOKE_HOST_KEY='SHA256:…' ABM_SFTP_SMOKE_KEY_FILE=~/.ssh/id_ed25519 \
 *     npx tsx packages/destination-sftp/scripts/smoke.ts
 *
 * Login: ABM_SFTP_SMOKE_PASSWORD, or ABM_SFTP_SMOKE_KEY_FILE (+ ABM_SFTP_SMOKE_PASSPHRASE).
 * The host key fingerprint: `ssh-keyscan HOST | ssh-keygen -lf -` (check it out of band).
 * Optional: ABM_SFTP_SMOKE_PORT (22), ABM_SFTP_SMOKE_DIR (default `abm-kit-smoke`),
 * ABM_SFTP_SMOKE_ROWS (default 20,000), ABM_SFTP_SMOKE_KEEP=1 (leave the files).
 * It exports one account audience (each file is read back against the manifest's
 * SHA-256 by the destination), lists the folder, then deletes what it wrote.
 */
import { readFileSync } from "node:fs";
import { buildSnapshot } from "@abm-kit/core";
import { activate, MemoryStateStore } from "@abm-kit/destinations";
import { remotePrefix, sftpDestination, sftpObjectStore, SftpSettingsSchema } from "@abm-kit/destination-sftp";

const env = process.env;
const host = env.ABM_SFTP_SMOKE_HOST;
const username = env.ABM_SFTP_SMOKE_USER;
const hostKey = env.ABM_SFTP_SMOKE_HOST_KEY;
const keyFile = env.ABM_SFTP_SMOKE_KEY_FILE;
const password = env.ABM_SFTP_SMOKE_PASSWORD;
if (host === undefined || username === undefined || hostKey === undefined || (password === undefined && keyFile === undefined)) {
  console.log(
    [
      "SFTP smoke test: skipped (it talks to a real server only when told to).",
      "Set ABM_SFTP_SMOKE_HOST, ABM_SFTP_SMOKE_USER, ABM_SFTP_SMOKE_HOST_KEY (SHA256:… from `ssh-keyscan HOST | ssh-keygen -lf -`)",
      "and ABM_SFTP_SMOKE_PASSWORD or ABM_SFTP_SMOKE_KEY_FILE (+ ABM_SFTP_SMOKE_PASSPHRASE).",
      "Optional: ABM_SFTP_SMOKE_PORT, ABM_SFTP_SMOKE_DIR, ABM_SFTP_SMOKE_ROWS, ABM_SFTP_SMOKE_KEEP=1.",
    ].join("\n"),
  );
  process.exit(0);
}

const rows = Number(env.ABM_SFTP_SMOKE_ROWS ?? 20_000);
const now = new Date().toISOString();
const settings = SftpSettingsSchema.parse({
  host,
  port: Number(env.ABM_SFTP_SMOKE_PORT ?? 22),
  username,
  hostKeys: [hostKey],
  ...(keyFile !== undefined ? { privateKey: readFileSync(keyFile, "utf8") } : { password }),
  ...(env.ABM_SFTP_SMOKE_PASSPHRASE !== undefined ? { passphrase: env.ABM_SFTP_SMOKE_PASSPHRASE } : {}),
  remoteDirectory: `${env.ABM_SFTP_SMOKE_DIR ?? "abm-kit-smoke"}/${Date.now()}`,
});
console.log(`SFTP smoke test: ${rows} rows to ${host}:${settings.port} ${settings.remoteDirectory}`);

const accounts = Array.from({ length: rows }, (_, i) => ({ id: `a${i}`, name: `Smoke Company ${i}`, domain: `smoke${i}.example.com` }));
const snapshot = buildSnapshot({ accounts }, { asOf: now });
const started = performance.now();
const report = await activate(
  {
    id: "sftp-smoke",
    destination: { id: "sftp", settings },
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
    destination: sftpDestination,
    snapshot,
    audiences: [{ audienceId: "smoke", type: "account", memberIds: accounts.map((a) => a.id) }],
    now,
    state: new MemoryStateStore(),
  },
);
console.log(`status ${report.status}, ${report.totals.exported} rows, ${report.retries} retries, ${Math.round(performance.now() - started)} ms`);
for (const warning of report.audiences.flatMap((a) => a.warnings)) console.log(`  warning: ${warning}`);

const ctx = {
  settings,
  auth: undefined,
  signal: new AbortController().signal,
  now,
  sleep: async () => {},
  clock: () => performance.now(),
  request: undefined as never,
  reportApiUsage: () => {},
};
const store = await sftpObjectStore(ctx);
try {
  const files = await store.list(remotePrefix(settings), ctx.signal);
  for (const file of files) console.log(`  ${file}`);
  if (env.ABM_SFTP_SMOKE_KEEP !== "1") {
    for (const file of files) await store.delete(file, ctx.signal);
    console.log(`deleted ${files.length} files`);
  }
} finally {
  await store.close?.();
}
process.exitCode = report.status === "completed" ? 0 : 1;
