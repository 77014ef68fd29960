import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toSnapshot } from "@abm-kit/core";
import { loadExports, marketoSpec, type ExportFile } from "@abm-kit/sources";
import { warehouseDialect, writePersonEvents } from "../src/index.js";
import { DATA_SETS, PERSON_FILES, stagePersons } from "./data-sets.js";
import { ENGINES } from "./engines.js";
import { tableContents, writtenSnapshot } from "./snapshot-engines.js";

const [, fixture] = DATA_SETS[0];
const csv = (cells: string[]) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(",");

/**
 * Activities of the fixture leads (1001–1003) whose attributes exercise each
 * rule of the reader and the snapshot builder: REST's `[{ name, value }]`,
 * two keys of one property name (the later wins), a JSON null that replaces
 * nothing but hides the value, nested values kept as JSON text, reserved names,
 * texts that are numbers in a number property, a boolean in a number property
 * (the event is rejected), numbers in a text property, an extra column, a
 * primary attribute value replacing an attribute of the same name, a cell that
 * is not JSON, a lead that matches no person.
 */
const ROWS = [
  ["a1", "1001", "2026-11-01T10:00:00Z", "1", "", "", "/a", '{"Score":5,"Label":"x","Flag":true,"Webpage":"ignored","Nested":{"b":[1,2.5]}}', "7"],
  ["a2", "1001", "2026-11-02T10:00:00Z", "2", "301", "77", "Demo", '[{"name":"Score","value":"12.50"},{"name":"Label","value":42},{"name":"Flag"}]', "8"],
  ["a3", "1002", "2026-11-03T10:00:00Z", "10", "", "", "", '{"score":" 3e2 ","Label":true,"label":null,"Type":"reserved","ID":"kept as iD"}', ""],
  ["a4", "1002", "2026-11-04T10:00:00Z", "10", "", "", "", '{"Score":false,"Only Here":"in a rejected event"}', ""],
  ["a5", "1003", "2026-11-05T10:00:00Z", "999", "", "", "", "[1,2]", "9"],
  ["a6", "1003", "2026-11-06T10:00:00Z", "46", "", "", "Moment", '{"Score":"not a number"}', ""],
  ["a7", "1003", "2026-11-07T10:00:00Z", "1", "", "", "", "not json", ""],
  ["a8", "9999", "2026-11-08T10:00:00Z", "1", "", "", "", '{"Ghost":"no person"}', ""],
  ["a9", "1001", "2026-11-09T10:00:00Z", "13", "", "", "", '{"Flag":false,"Campaign Id":"from json","Count":1e21}', ""],
];

/** A second export: a copy of an activity of the first (kept once), numbers beyond the double range (the events are rejected). */
const MORE_ROWS = [
  ROWS[0]!,
  ["a10", "1002", "2026-11-10T10:00:00Z", "1", "", "", "", '{"Score":1e999}', ""],
  ["a11", "1002", "2026-11-11T10:00:00Z", "1", "", "", "", '{"Score":"1e400","Tiny":1e-999}', ""],
  ["a12", "1002", "2026-11-12T10:00:00Z", "1", "", "", "", '{"Score":"0.5e1"}', ""],
];

function activitiesFile(name: string, rows: readonly string[][]): string {
  const path = join(mkdtempSync(join(tmpdir(), "abm-kit-activities-")), name);
  const header = "marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,primaryAttributeValue,attributes,Extra Count";
  writeFileSync(path, [header, ...rows.map(csv)].join("\n"));
  return path;
}

describe.each(ENGINES)("event properties written in %s", (name, open) => {
  it("are named, typed and kept or rejected as toSnapshot does", async () => {
    const activities = [activitiesFile("activities.csv", ROWS), activitiesFile("activities-more.csv", MORE_ROWS)];
    const files = [
      ...PERSON_FILES.map((f) => ({ ...f.file, path: fixture(f.path) }) as ExportFile),
      ...activities.map((path) => ({ source: "marketo", export: "activities", path }) as ExportFile),
    ];
    const snapshot = toSnapshot((await loadExports(files)).graph, { asOf: "2026-12-01T00:00:00Z" });
    const engine = await open();
    const expected = await writtenSnapshot(name, snapshot);
    try {
      await stagePersons(engine, fixture);
      for (const [i, path] of activities.entries()) await engine.stage({ path, spec: marketoSpec("activities"), table: `mk_activities_${i}` });
      const written = await writePersonEvents(engine.query, warehouseDialect(name), {
        activities: [{ table: "mk_activities_0" }, { table: "mk_activities_1" }],
        persons: { values: "p_values", clusters: "p_ids" },
      });
      const want = await tableContents(expected.query, "person_events");
      const got = await tableContents(engine.query, "person_events");
      expect(got.columns).toEqual(want.columns);
      expect(got.rows).toEqual(want.rows);
      // the cases above are what the in-memory path does: a rejected event, a dropped owner, typed columns
      expect(snapshot.personEvents.size).toBe(7);
      expect(written.fields).toMatchObject({ score: "number", label: "string", flag: "boolean", iD: "string", extraCount: "number", onlyHere: "string" });
      expect(Object.keys(written.fields)).not.toContain("ghost");
    } finally {
      await expected.close();
      await engine.close();
    }
  });
});
