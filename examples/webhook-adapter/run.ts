/**
 * Runs the webhook adapter against its fake receiver behind the fault harness:
 * `npx tsx examples/webhook-adapter/run.ts` from the repository root.
 */
import { buildSnapshot } from "@abm-kit/core";
import { activate, MemoryStateStore } from "@abm-kit/destinations";
import { randomFaultSchedule, startFaultServer } from "@abm-kit/destinations/testing";
import { webhookDestination, WebhookService } from "./index.js";

const now = "2026-11-20T12:00:00.000Z";
const snapshot = buildSnapshot(
  {
    persons: Array.from({ length: 40 }, (_, i) => ({ id: `per-${i}`, email: `buyer${i}@example.com`, title: "VP Marketing" })),
  },
  { asOf: now },
);
const leaders = { audienceId: "leaders", audienceName: "Marketing leaders", type: "person" as const, memberIds: snapshot.persons.ids ?? [] };

const service = new WebhookService("client-1", "client-secret-value");
const server = await startFaultServer(service.handle, randomFaultSchedule(42, 0.3));
try {
  const report = await activate(
    {
      id: "to-webhook",
      destination: { id: "webhook", settings: { endpoint: server.url, clientId: "client-1", clientSecret: "client-secret-value", timeoutMs: 200 } },
      audiences: [{ audienceId: "leaders" }],
      mapping: {
        person: [
          { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
          { source: "person.title", target: "title" },
        ],
      },
    },
    {
      destination: { ...webhookDestination, limits: { ...webhookDestination.limits, maxBatchSize: 7 } },
      snapshot,
      audiences: [leaders],
      now,
      state: new MemoryStateStore(),
    },
  );
  console.log(`receiver holds ${service.membersOf("leaders").length} of ${leaders.memberIds.length} members`);
  console.log(
    `requests ${report.requests}, retries ${report.retries}, token refreshes ${report.tokenRefreshes}, faults injected ${server.log.filter((e) => e.fault).length}`,
  );
} finally {
  await server.close();
}
