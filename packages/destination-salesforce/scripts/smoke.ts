// A smoke run against a real Salesforce org (use a sandbox). Not part of the tests.
//
// It needs a connected app enabled for the JWT bearer flow (its certificate
// uploaded, the user pre-authorised) and one existing Contact:
//
//   SF_CLIENT_ID=… SF_USERNAME=… SF_PRIVATE_KEY_FILE=server.key SF_CONTACT_ID=003… \
//   [SF_LOGIN_URL=https://test.salesforce.com] \
//   npx tsx packages/destination-salesforce/scripts/smoke.ts
//
// It creates (or finds again) a Campaign named "abm-kit smoke test [abm-kit-smoke]",
// adds that Contact as a member, removes it again, and prints what each run did.
// Without the variables it explains itself and exits without a request.
import { readFileSync } from "node:fs";
import { buildSnapshot } from "@abm-kit/core";
import { activate, MemoryStateStore, StopRunError, type ActivationPlanInput } from "@abm-kit/destinations";
import { salesforceDestination } from "@abm-kit/destination-salesforce";

const NEEDED = ["SF_CLIENT_ID", "SF_USERNAME", "SF_PRIVATE_KEY_FILE", "SF_CONTACT_ID"] as const;
const missing = NEEDED.filter((name) => (process.env[name] ?? "") === "");
if (missing.length > 0) {
  console.log(
    [
      "Salesforce smoke test: skipped (nothing was sent).",
      `Set ${missing.join(", ")} to run it against a real Salesforce org (a sandbox is best).`,
      'It creates a Campaign "abm-kit smoke test [abm-kit-smoke]", adds the Contact SF_CONTACT_ID to it,',
      "removes it again and prints each run's report.",
      "Optional: SF_LOGIN_URL (default https://login.salesforce.com; https://test.salesforce.com for a sandbox).",
    ].join("\n"),
  );
  process.exit(0);
}

const now = new Date().toISOString(); // the script's moment: the boundary where time enters
const loginUrl = process.env.SF_LOGIN_URL ?? "https://login.salesforce.com";
const settings = {
  auth: {
    flow: "jwtBearer",
    clientId: process.env.SF_CLIENT_ID,
    username: process.env.SF_USERNAME,
    privateKey: readFileSync(process.env.SF_PRIVATE_KEY_FILE!, "utf8"),
    audience: loginUrl,
  },
  loginUrl,
  person: { kind: "campaign", campaignName: "abm-kit smoke test [{audienceId}]" },
};
const snapshot = buildSnapshot(
  { persons: [{ id: "smoke-person", sourceKeys: [{ system: "salesforce", object: "Contact", id: process.env.SF_CONTACT_ID! }] }] },
  { asOf: now },
);
const plan: ActivationPlanInput = {
  id: "abm-kit-smoke",
  destination: { id: "salesforce", settings },
  audiences: [{ audienceId: "abm-kit-smoke" }],
  mapping: { person: [{ source: "person.sourceKeys", target: "salesforceKeys" }] },
};
const state = new MemoryStateStore();
try {
  for (const [title, memberIds] of [
    ["add", ["smoke-person"]],
    ["remove", []],
  ] as const) {
    const report = await activate(plan, {
      destination: salesforceDestination,
      snapshot,
      audiences: [{ audienceId: "abm-kit-smoke", audienceName: "abm-kit smoke test", type: "person", memberIds: [...memberIds] }],
      now,
      state,
    });
    console.log(
      `${title}: ${report.status}, ${report.requests} requests, exported ${report.totals.exported}, removed ${report.totals.removed}, failed ${report.totals.failed}, campaign ${report.audiences[0]?.externalId ?? "-"}`,
    );
    for (const f of report.failures) console.log(`  failure ${f.memberId}: ${f.code} ${f.message}`);
  }
} catch (error) {
  if (error instanceof StopRunError) console.log(`stopped: ${error.code}: ${error.message}`);
  else throw error;
  process.exitCode = 1;
}
