import { describe, expect, it } from "vitest";
import { toSnapshot } from "@abm-kit/core";
import { loadExports, marketoSpec, type ExportFile } from "@abm-kit/sources";
import { warehouseDialect, writePersonEvents } from "../src/index.js";
import { DATA_SETS, PERSON_FILES, stagePersons } from "./data-sets.js";
import { ENGINES } from "./engines.js";
import { tableContents, writtenSnapshot } from "./snapshot-engines.js";

describe.each(ENGINES)("person_events written in %s", (name, open) => {
  it.each(DATA_SETS)("equal the table writeSnapshotTo… writes for %s", async (_, path) => {
    const files = [
      ...PERSON_FILES.map((f) => ({ ...f.file, path: path(f.path) }) as ExportFile),
      { source: "marketo", export: "activities", path: path("marketo/activities.csv") } as ExportFile,
    ];
    const snapshot = toSnapshot((await loadExports(files)).graph, { asOf: "2026-12-01T00:00:00Z" });
    const engine = await open();
    const expected = await writtenSnapshot(name, snapshot);
    try {
      await stagePersons(engine, path);
      await engine.stage({ path: path("marketo/activities.csv"), spec: marketoSpec("activities"), table: "mk_activities" });
      const written = await writePersonEvents(engine.query, warehouseDialect(name), {
        activities: [{ table: "mk_activities" }],
        persons: { values: "p_values", clusters: "p_ids" },
      });
      const want = await tableContents(expected.query, "person_events");
      const got = await tableContents(engine.query, "person_events");
      expect(got.columns).toEqual(want.columns);
      expect(got.rows).toEqual(want.rows);
      expect(written.rows).toBe(snapshot.personEvents.size);
      expect(want.rows.length).toBeGreaterThan(0);
    } finally {
      await expected.close();
      await engine.close();
    }
  });
});
