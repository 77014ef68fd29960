import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ContainerSASPermissions, type ContainerClient } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import { activate, MemoryStateStore } from "@abm-kit/destinations";
import { DATA_LANDING_ZONE_CONTAINER, dataLandingZoneDestination, DataLandingZoneSettingsSchema } from "@abm-kit/destination-azure-blob";
import { startAzurite, type AzuriteServer } from "@abm-kit/destination-azure-blob/testing";
import { csvIds, fixtureSnapshot, ids, membership, NOW, readExport } from "./fixtures/audience-fixture.js";
import { blobNames, createContainer, readBlob } from "./fixtures/azurite-container.js";

let azurite: AzuriteServer;
let container: ContainerClient;
let sasUrl: string;
beforeAll(async () => {
  azurite = await startAzurite();
  container = await createContainer(azurite, DATA_LANDING_ZONE_CONTAINER);
  // the permissions Experience Platform grants on the container (sp=racwdlm)
  sasUrl = await container.generateSasUrl({ permissions: ContainerSASPermissions.parse("racwdlm"), expiresOn: new Date("2099-01-01T00:00:00Z") });
});
afterAll(async () => {
  await azurite?.close();
});

const plan = (settings: Record<string, unknown>) => ({
  id: "accounts-to-dlz",
  destination: { id: "data-landing-zone", settings },
  audiences: [{ audienceId: "tier-1" }],
  mapping: {
    account: [
      { source: "account.name", target: "name" },
      { source: "account.domain", target: "domain" },
    ],
  },
  mode: "full" as const,
});

describe("Data Landing Zone preset against Azurite", () => {
  it("exports by the dlz-destination container's SAS URL into the folder path, named after the preset, and what a reader gets matches the manifest's SHA-256", async () => {
    const settings = { sasUrl, folderPath: "abm/tier-1/", stagingDirectory: await mkdtemp(join(tmpdir(), "abm-dlz-")), maxRowsPerFile: 100 };
    const report = await activate(plan(settings), {
      destination: dataLandingZoneDestination,
      snapshot: fixtureSnapshot(300),
      audiences: [membership(ids("a", 0, 250))],
      now: NOW,
      state: new MemoryStateStore(),
    });
    expect(report.status).toBe("completed");
    const name = "data-landing-zone_tier-1_20261120_120000";
    expect(await blobNames(container, "abm/")).toEqual(
      [`abm/tier-1/${name}.csv`, `abm/tier-1/${name}.manifest.json`, `abm/tier-1/${name}_2.csv`, `abm/tier-1/${name}_3.csv`].sort(),
    );
    const { manifest, files } = await readExport(readBlob(container), `abm/tier-1/${name}.manifest.json`);
    expect(manifest.files.map((f) => f.rows)).toEqual([100, 100, 50]);
    expect(csvIds(files)).toEqual(ids("a", 0, 250));
    expect(JSON.stringify(report)).not.toContain(new URL(sasUrl).searchParams.get("sig")!);
  });

  it("settings: a SAS URL of another container, a folder path with characters the landing zone refuses, and a missing folder are each named, before any request, with no signature in the error", async () => {
    const other = sasUrl.replace(`/${DATA_LANDING_ZONE_CONTAINER}?`, "/exports?");
    const error = await activate(plan({ sasUrl: other, folderPath: "abm/a|b", container: "x" }), {
      destination: dataLandingZoneDestination,
      snapshot: fixtureSnapshot(5),
      audiences: [membership(ids("a", 0, 5))],
      now: NOW,
      state: new MemoryStateStore(),
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    const problems = (error as ValidationError).problems.map((p) => `${String(p.path).split(",").at(-1)}: ${p.message}`);
    expect(problems.some((p) => p.includes("sasUrl") && p.includes("dlz-destination"))).toBe(true);
    expect(problems.some((p) => p.includes("folderPath"))).toBe(true);
    expect(problems.some((p) => p.includes("container"))).toBe(true);
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain(new URL(sasUrl).searchParams.get("sig")!);
    const issues = (input: unknown) => DataLandingZoneSettingsSchema.safeParse(input).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(issues({ sasUrl })).toEqual(["folderPath"]);
    expect(issues({ sasUrl, folderPath: `a/${"x".repeat(256)}` })).toEqual(["folderPath"]);
    expect(issues({ sasUrl, folderPath: "/abs" })).toEqual(["folderPath"]);
    expect(issues({ sasUrl, folderPath: "abm/icp" })).toEqual([]);
  });
});
