// A smoke run against a real Marketo Engage instance. Not part of the tests.
//
// It needs a LaunchPoint custom service whose API user may read and write
// leads, static lists (assets) and named accounts:
//
//   MARKETO_MUNCHKIN_ID=123-ABC-456 MARKETO_CLIENT_ID=… MARKETO_CLIENT_SECRET=… \
//   MARKETO_LIST_FOLDER="<folder name or id>" [MARKETO_SMOKE_EMAIL=you@yourcompany.com] \
//   npx tsx packages/destination-marketo/scripts/smoke.ts
//
// It finds or creates a static list "abm-kit smoke test [abm-kit-smoke]" in
// that folder and a named account list "abm-kit smoke test [abm-kit-smoke-accounts]",
// adds one person (the
// lead of MARKETO_SMOKE_EMAIL, which must exist: no lead is created) and two
// named accounts, removes them from the lists again, and prints the calls the
// runs counted. The named accounts it upserts ("abm-kit smoke test account 1"
// and "… 2") stay in the instance. Without the variables it explains itself
// and exits without a request.
import { buildSnapshot } from "@abm-kit/core";
import { activate, MemoryStateStore, StopRunError, type ActivationPlanInput } from "@abm-kit/destinations";
import { marketoDestination } from "@abm-kit/destination-marketo";

const NEEDED = ["MARKETO_MUNCHKIN_ID", "MARKETO_CLIENT_ID", "MARKETO_CLIENT_SECRET", "MARKETO_LIST_FOLDER"] as const;
const missing = NEEDED.filter((name) => (process.env[name] ?? "") === "");
if (missing.length > 0) {
  console.log(
    [
      "Marketo smoke test: skipped (nothing was sent).",
      `Set ${missing.join(", ")} to run it against your Marketo instance.`,
      'It creates (or finds) a static list "abm-kit smoke test [abm-kit-smoke]" in the folder and a named account list',
      '"abm-kit smoke test [abm-kit-smoke-accounts]",',
      "adds a person (MARKETO_SMOKE_EMAIL, an existing lead) and two named accounts, then removes them from the lists.",
    ].join("\n"),
  );
  process.exit(0);
}

const now = new Date().toISOString(); // the script's moment: the boundary where time enters
const folder = process.env.MARKETO_LIST_FOLDER!;
const settings = {
  munchkinId: process.env.MARKETO_MUNCHKIN_ID,
  clientId: process.env.MARKETO_CLIENT_ID,
  clientSecret: process.env.MARKETO_CLIENT_SECRET,
  listFolder: /^\d+$/.test(folder) ? Number(folder) : folder,
};
const email = process.env.MARKETO_SMOKE_EMAIL;
const snapshot = buildSnapshot(
  {
    accounts: [
      { id: "smoke-1", name: "abm-kit smoke test account 1", domain: "example.com" },
      { id: "smoke-2", name: "abm-kit smoke test account 2", domain: "example.org" },
    ],
    persons: email ? [{ id: "smoke-person", email, consent: { email: "granted" } }] : [],
  },
  { asOf: now },
);
const plan: ActivationPlanInput = {
  id: "abm-kit-smoke",
  destination: { id: "marketo", settings },
  audiences: [{ audienceId: "abm-kit-smoke-accounts" }, ...(email ? [{ audienceId: "abm-kit-smoke" }] : [])],
  mapping: {
    account: [
      { source: "account.name", target: "name" },
      { source: "account.domain", target: "domainName" },
    ],
    person: [{ source: "person.email", target: "email" }],
  },
};
const state = new MemoryStateStore();
const run = (accounts: string[], persons: string[]) =>
  activate(plan, {
    destination: marketoDestination,
    snapshot,
    audiences: [
      { audienceId: "abm-kit-smoke-accounts", audienceName: "abm-kit smoke test", type: "account", memberIds: accounts },
      ...(email ? [{ audienceId: "abm-kit-smoke", audienceName: "abm-kit smoke test", type: "person" as const, memberIds: persons }] : []),
    ],
    now,
    state,
  });

try {
  const added = await run(["smoke-1", "smoke-2"], ["smoke-person"]);
  console.log(`added: ${added.totals.exported}, failed: ${added.failureCount}; lists ${added.audiences.map((a) => a.externalId).join(", ")}`);
  for (const f of added.failures) console.log(`  ${f.memberId}: ${f.code} ${f.message}`);
  const removed = await run([], []);
  console.log(`removed: ${removed.totals.removed}, failed: ${removed.failureCount}`);
  console.log(`API calls today by these runs: ${removed.apiUsage?.callsBeforeRun ?? 0} + ${removed.apiUsage?.callsThisRun ?? 0}`);
} catch (error) {
  if (error instanceof StopRunError) console.error(`stopped (${error.code}): ${error.message}`);
  else console.error(error instanceof Error ? `failed: ${error.message}` : error);
  process.exitCode = 1;
}
