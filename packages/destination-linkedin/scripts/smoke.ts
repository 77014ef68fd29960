// A smoke run against the real LinkedIn Marketing API. Not part of the tests.
//
// It needs an app with the rw_dmp_segments permission and a refresh token for a
// member who may manage the ad account:
//
//   LINKEDIN_CLIENT_ID=… LINKEDIN_CLIENT_SECRET=… LINKEDIN_REFRESH_TOKEN=… \
//   LINKEDIN_AD_ACCOUNT_ID=… [LINKEDIN_VERSION=YYYYMM] \
//   npx tsx packages/destination-linkedin/scripts/smoke.ts
//
// It creates (or finds again) a private COMPANY segment named
// "abm-kit smoke test [abm-kit-smoke]" in that ad account, adds three
// well-known companies, removes them again, and prints the segment's status.
// Without the variables it explains itself and exits without a request.
import { buildSnapshot } from "@abm-kit/core";
import { activate, MemoryStateStore, type ActivationPlanInput } from "@abm-kit/destinations";
import { LinkedInActionRequiredError, linkedInDestination, readSegmentStatus } from "@abm-kit/destination-linkedin";

const NEEDED = ["LINKEDIN_CLIENT_ID", "LINKEDIN_CLIENT_SECRET", "LINKEDIN_REFRESH_TOKEN", "LINKEDIN_AD_ACCOUNT_ID"] as const;
const missing = NEEDED.filter((name) => (process.env[name] ?? "") === "");
if (missing.length > 0) {
  console.log(
    [
      "LinkedIn smoke test: skipped (nothing was sent).",
      `Set ${missing.join(", ")} to run it against the real LinkedIn API.`,
      'It creates a private COMPANY segment "abm-kit smoke test [abm-kit-smoke]" in the ad account,',
      "adds three companies, removes them again and prints the segment's status.",
      "Optional: LINKEDIN_VERSION (YYYYMM) to override the LinkedIn-Version header.",
    ].join("\n"),
  );
  process.exit(0);
}

const now = new Date().toISOString(); // the script's moment: the boundary where time enters
const settings = {
  clientId: process.env.LINKEDIN_CLIENT_ID,
  clientSecret: process.env.LINKEDIN_CLIENT_SECRET,
  refreshToken: process.env.LINKEDIN_REFRESH_TOKEN,
  adAccountId: process.env.LINKEDIN_AD_ACCOUNT_ID,
  ...(process.env.LINKEDIN_VERSION ? { linkedInVersion: process.env.LINKEDIN_VERSION } : {}),
};
const snapshot = buildSnapshot(
  {
    accounts: [
      { id: "microsoft", name: "Microsoft", domain: "microsoft.com", country: "US" },
      { id: "linkedin", name: "LinkedIn", domain: "linkedin.com", country: "US" },
      { id: "github", name: "GitHub", domain: "github.com", country: "US" },
    ],
  },
  { asOf: now },
);
const plan = (mode: "full" | "incremental"): ActivationPlanInput => ({
  id: "abm-kit-smoke",
  destination: { id: "linkedin", settings },
  audiences: [{ audienceId: "abm-kit-smoke" }],
  mapping: {
    account: [
      { source: "account.name", target: "companyName" },
      { source: "account.domain", target: "companyWebsiteDomain" },
      { source: "account.country", target: "country" },
    ],
  },
  mode,
});
const state = new MemoryStateStore();
const run = (memberIds: string[]) =>
  activate(plan("incremental"), {
    destination: linkedInDestination,
    snapshot,
    audiences: [{ audienceId: "abm-kit-smoke", audienceName: "abm-kit smoke test", type: "account", memberIds }],
    now,
    state,
  });

try {
  const added = await run(["microsoft", "linkedin", "github"]);
  console.log(`added: ${added.totals.exported}, failed: ${added.failureCount}, segment ${added.audiences[0]?.externalId}`);
  for (const f of added.failures) console.log(`  ${f.memberId}: ${f.code} ${f.message}`);
  const removed = await run([]);
  console.log(`removed: ${removed.totals.removed}, failed: ${removed.failureCount}`);
  for (const status of await readSegmentStatus({ settings, report: added, now })) {
    console.log(`segment ${status.segmentId}: ${status.status}, matched ${status.matchedCount ?? "?"}, audience size ${status.audienceSize ?? "?"}`);
    for (const w of status.warnings) console.log(`  warning: ${w}`);
  }
} catch (error) {
  if (error instanceof LinkedInActionRequiredError) console.error(`stopped: ${error.message}`);
  else console.error(error instanceof Error ? `failed: ${error.message}` : error);
  process.exitCode = 1;
}
