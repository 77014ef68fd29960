import { describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import { snapshotLayout } from "@abm-kit/audience-sql";
import {
  activate,
  MemoryStateStore,
  sqlMemberSource,
  type ActivateOptions,
  type ActivationPlanInput,
  type FieldMappingInput,
  type SqlRowStream,
} from "@abm-kit/destinations";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";
import { API_KEY, MemoryService, memoryDestination } from "./fixtures/memory-destination.js";

const snapshot = b2bSnapshot(6, 2);
const layout = snapshotLayout(snapshot);
let queries = 0;
const rows: SqlRowStream = () => {
  queries++;
  return (async function* () {})();
};
const source = (audienceId: string, type: "account" | "person" = "person") =>
  sqlMemberSource({ query: { audienceId, type, dialect: "duckdb", sql: "SELECT id FROM persons", params: [] }, layout, rows });

const plan = (
  audiences: ActivationPlanInput["audiences"],
  person: FieldMappingInput[] = [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email"] }],
) =>
  ({
    id: "sources",
    destination: { id: "memory", settings: { apiKey: API_KEY } },
    audiences,
    mapping: { person, account: [{ source: "account.name", target: "name" }] },
  }) satisfies ActivationPlanInput;

/** The problems of the ValidationError `activate` raises (nothing may be queried or sent first). */
async function problemsOf(planInput: ActivationPlanInput, options: Partial<ActivateOptions<{ apiKey: string }>>) {
  const service = new MemoryService();
  const before = queries;
  const error = await activate(planInput, {
    destination: memoryDestination(service),
    audiences: [{ audienceId: "leaders", type: "person", memberIds: ids("p", 0, 4) }],
    now: NOW,
    state: new MemoryStateStore(),
    ...options,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect(queries).toBe(before);
  expect(service.batches).toEqual([]);
  return (error as ValidationError).problems.map((p) => ({ path: p.path, message: p.message }));
}

describe("a plan audience reads from the Snapshot or from a member source", () => {
  it("source sql without a member source for it names the audience's source", async () => {
    const problems = await problemsOf(plan([{ audienceId: "leaders" }, { audienceId: "sql-leaders", source: "sql" }]), { snapshot });
    expect(problems).toEqual([
      { path: ["audiences", 1, "source"], message: "audience sql-leaders reads from a SQL member source, but memberSources has none for it" },
    ]);
  });

  it("a member source given for an audience that reads from the Snapshot, and one for no audience of the plan, are refused", async () => {
    const problems = await problemsOf(plan([{ audienceId: "leaders" }]), { snapshot, memberSources: [source("leaders"), source("other")] });
    expect(problems.map((p) => p.path)).toEqual([
      ["audiences", 0, "source"],
      ["memberSources", 1],
    ]);
    expect(problems[0]!.message).toContain('set source "sql"');
  });

  it("two member sources for one audience are refused", async () => {
    const problems = await problemsOf(plan([{ audienceId: "s", source: "sql" }]), { snapshot, memberSources: [source("s"), source("s")] });
    expect(problems).toEqual([{ path: ["memberSources", 1], message: "a second member source for audience s" }]);
  });

  it("an audience that reads from the Snapshot needs the snapshot", async () => {
    const problems = await problemsOf(plan([{ audienceId: "s", source: "sql" }, { audienceId: "leaders" }]), { memberSources: [source("s")] });
    expect(problems).toEqual([
      { path: ["audiences", 1, "source"], message: "audience leaders reads from the Snapshot (the default source), but no snapshot was given" },
    ]);
  });

  it("without any Snapshot audience no snapshot is needed (the plan passes its checks and runs)", async () => {
    const service = new MemoryService();
    const report = await activate(plan([{ audienceId: "s", source: "sql" }]), {
      destination: memoryDestination(service),
      audiences: [],
      memberSources: [source("s")],
      now: NOW,
      state: new MemoryStateStore(),
    });
    expect(report.status).toBe("completed");
    expect(report.audiences[0]).toMatchObject({ audienceId: "s", type: "person", members: 0, desired: 0 });
  });

  it("option people and source keys cannot be read from a SQL member source: each named by its path, with every other problem", async () => {
    const problems = await problemsOf(
      {
        ...plan(
          [
            { audienceId: "accounts", source: "sql", people: {} },
            { audienceId: "s", source: "sql" },
          ],
          [
            { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
            { source: "person.sourceKeys", target: "email" },
          ],
        ),
        exclusions: { audienceIds: ["s"] },
      },
      { snapshot, memberSources: [source("accounts", "account"), source("s")] },
    );
    expect(problems.map((p) => p.path)).toEqual([
      ["audiences", 0, "people"],
      ["mapping", "person", 1, "source"],
      ["exclusions", "audienceIds", 0],
    ]);
    expect(problems[1]!.message).toContain("person.sourceKeys (the source keys) is not in the SQL tables");
    expect(problems[2]!.message).toBe("no membership was given for exclusion audience s");
  });

  it("sqlMemberSource refuses a dialect it does not read and a broken layout, naming each", () => {
    let error: unknown;
    try {
      sqlMemberSource({
        query: { audienceId: "a", type: "person", dialect: "snowflake", sql: "SELECT 1", params: [] },
        layout: { ...layout, persons: { email: "text" } } as never,
        rows,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map((p) => p.path)).toEqual([
      ["query", "dialect"],
      ["layout", "persons", "email"],
    ]);
  });
});
