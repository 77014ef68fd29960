import { describe, expect, it } from "vitest";
import { activate, MemoryStateStore, hashEmail } from "@abm-kit/destinations";
import { startFaultServer } from "@abm-kit/destinations/testing";
import { webhookDestination, WebhookService } from "../../../examples/webhook-adapter/index.js";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";

describe("webhook adapter without faults", () => {
  it("delivers a person audience: hashed emails, consent and invalid identities dropped", async () => {
    const service = new WebhookService("client-1", "s3cr3t-client-secret");
    const server = await startFaultServer(service.handle);
    try {
      const snapshot = b2bSnapshot(10, 3);
      const memberIds = ids("p", 0, 30);
      const report = await activate(
        {
          id: "plan-1",
          destination: { id: "webhook", settings: { endpoint: server.url, clientId: "client-1", clientSecret: "s3cr3t-client-secret" } },
          audiences: [{ audienceId: "cmos" }],
          mapping: {
            person: [
              { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
              { source: "person.title", target: "title" },
            ],
          },
          consent: { channel: "email" },
        },
        {
          destination: webhookDestination,
          snapshot,
          audiences: [{ audienceId: "cmos", type: "person", memberIds }],
          now: NOW,
          state: new MemoryStateStore(),
          sleep: async () => {},
        },
      );
      const denied = memberIds.filter((_, n) => n % 10 === 9);
      const expected = memberIds.filter((id) => id !== "p0007" && !denied.includes(id));
      expect(service.membersOf("cmos")).toEqual(expected);
      expect(report.audiences[0]!.skipped.noConsent).toBe(denied.length);
      expect(report.audiences[0]!.skipped.missingRequiredField).toBe(1);
      expect(report.totals.exported).toBe(expected.length);
      const stored = [...service.audiences.values()][0]!.members.get("p0000")!;
      expect(stored.email_sha256).toBe(hashEmail("person.0@companya0000.com"));
    } finally {
      await server.close();
    }
  });
});
