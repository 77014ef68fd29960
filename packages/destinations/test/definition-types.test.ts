import { describe, expectTypeOf, it } from "vitest";
import { defineDestination, secret, type AdapterContext, type DestinationDefinition, type IdentityKind } from "@abm-kit/destinations";
import { z } from "zod";

const common = {
  id: "typed",
  name: "Typed",
  settings: z.object({ endpoint: z.url(), apiKey: secret(z.string()), batchSize: z.number().default(100) }),
  audienceTypes: ["person"] as const,
  identities: ["sha256Email"] as const,
  limits: {},
  marketingActions: [],
  mappingTargets: { person: [{ name: "email_sha256", identity: "sha256Email" as const }] },
};

// These lines are checked by the root type-check (`tsc -p tsconfig.json`): a wrong one fails it.
describe("defineDestination types", () => {
  it("infers the settings type from the zod schema, without a type argument", () => {
    const d = defineDestination({
      ...common,
      delivery: { kind: "streaming", modes: ["full"] },
      sendBatch: async (ctx, batch) => {
        expectTypeOf(ctx.settings).toEqualTypeOf<{ endpoint: string; apiKey: string; batchSize: number }>();
        return batch.members.map((m) => ({ memberId: m.memberId, ok: true as const }));
      },
      limitsFromSettings: (settings) => ({ maxBatchSize: settings.batchSize }),
    });
    expectTypeOf(d).toEqualTypeOf<DestinationDefinition<{ endpoint: string; apiKey: string; batchSize: number }>>();
  });

  it("a streaming destination without sendBatch, or a file destination without file, does not compile", () => {
    // @ts-expect-error a streaming destination needs sendBatch
    expectTypeOf(() => defineDestination({ ...common, delivery: { kind: "streaming", modes: ["full"] } })).toBeFunction();
    // @ts-expect-error a file destination needs file
    expectTypeOf(() => defineDestination({ ...common, delivery: { kind: "file", modes: ["full"] } })).toBeFunction();
    expectTypeOf(() =>
      defineDestination({
        ...common,
        delivery: { kind: "file", modes: ["full"] },
        file: {
          options: () => ({ format: "csv" }),
          stagingDirectory: (s) => s.endpoint,
          deliver: async (ctx: AdapterContext<{ endpoint: string }>) => void ctx.settings.endpoint,
        },
      }),
    ).toBeFunction();
  });

  it("an explicit settings type argument still compiles (older adapters)", () => {
    type Settings = { endpoint: string; apiKey: string; batchSize: number };
    const d = defineDestination<Settings>({
      ...common,
      delivery: { kind: "file", modes: ["full"] },
      file: { options: () => ({ format: "csv" }), stagingDirectory: (s) => s.endpoint, deliver: async () => {} },
    });
    expectTypeOf(d).toEqualTypeOf<DestinationDefinition<Settings>>();
    // @ts-expect-error still neither sendBatch nor file
    expectTypeOf(() => defineDestination<Settings>({ ...common, delivery: { kind: "streaming", modes: ["full"] } })).toBeFunction();
  });

  it("identity kinds are known kinds or <destination id>:<name>", () => {
    expectTypeOf<"sha256Email">().toMatchTypeOf<IdentityKind>();
    expectTypeOf<"linkedin:companyPageUrl">().toMatchTypeOf<IdentityKind>();
    // @ts-expect-error an unknown kind without a namespace
    expectTypeOf<"companyPage">().toMatchTypeOf<IdentityKind>();
  });
});
