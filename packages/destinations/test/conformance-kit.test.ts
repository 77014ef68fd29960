import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { defineDestination, RetryableError, TerminalError } from "@abm-kit/destinations";
import { z } from "zod";
import { runConformanceSuite, type ConformanceReport } from "@abm-kit/destinations/testing";
import { webhookDestination, WebhookSettingsSchema, type WebhookSettings } from "../../../examples/webhook-adapter/index.js";
import { webhookHarness } from "./fixtures/webhook-harness.js";

const failed = (report: ConformanceReport) => report.checks.filter((c) => !c.passed).map((c) => c.name);
const quick = { faultSchedules: 1, seed: 11 };

describe("the conformance kit catches what adapters inherit from points 1-3", () => {
  it("an adapter that derives its own idempotency key from the batch content fails: members who come back are not applied", async () => {
    const contentKeyed = defineDestination<WebhookSettings>({
      ...webhookDestination,
      sendBatch: (ctx, batch) => {
        const key = createHash("sha256")
          .update(JSON.stringify([batch.action, batch.members]))
          .digest("hex");
        return webhookDestination.sendBatch!(ctx, { ...batch, idempotencyKey: key });
      },
    });
    const report = await runConformanceSuite(webhookHarness("person", contentKeyed), quick);
    expect(failed(report)).toContain("members who leave and come back are applied again");
  });

  it("settings with a secret in a record not marked secret() fail, and the echoed value is found in the output", async () => {
    const unmarked = defineDestination<WebhookSettings>({
      ...webhookDestination,
      settings: WebhookSettingsSchema.extend({ headers: z.record(z.string(), z.string()).default({}) }),
    });
    const report = await runConformanceSuite(webhookHarness("person", unmarked), quick);
    expect(failed(report)).toEqual(["secret settings are marked secret()", "no secret in reports, events, errors, problems or checkpoints"]);
  });

  it("an adapter that gives up on a token endpoint fault fails the token check", async () => {
    const impatient = defineDestination<WebhookSettings>({
      ...webhookDestination,
      authenticate: async (ctx) => {
        try {
          return await webhookDestination.authenticate!(ctx);
        } catch (error) {
          if (error instanceof RetryableError) throw new TerminalError("AUTH_FAILED", "the token endpoint failed");
          throw error;
        }
      },
    });
    const report = await runConformanceSuite(webhookHarness("person", impatient), quick);
    expect(failed(report)).toContain("token endpoint faults during refreshes are survived");
  });

  it("the webhook adapter itself passes every check", async () => {
    const report = await runConformanceSuite(webhookHarness("account"), quick);
    expect(failed(report)).toEqual([]);
    const detail = Object.fromEntries(report.checks.map((c) => [c.name, c.detail]));
    expect(detail["token endpoint faults during refreshes are survived"]).toMatch(/^[1-9]\d* token-endpoint faults/);
    expect(detail["secrets echoed by the service are redacted"]).toMatch(/2 setting secrets, [1-9]\d* tokens of the crashed run echoed/);
  });
});
