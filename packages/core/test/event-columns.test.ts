import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  IdentityGraph,
  SnapshotBuilder,
  toSnapshot,
  type EventSourceRecord,
  type FieldDefinitions,
  type PersonSourceRecord,
  type Snapshot,
  type SnapshotBuilderOptions,
} from "@abm-kit/core";

const ASOF = "2026-11-20T12:00:00Z";
const lead = (value: string) => ({ namespace: "marketo.lead", value });
const crm = (value: string) => ({ namespace: "salesforce.account", value });

const persons: PersonSourceRecord[] = ["1", "2", "3"].map((id) => ({
  key: lead(id),
  sourceKey: { system: "marketo", object: "Lead", id },
  person: { email: `p${id}@x.com` },
}));
const accounts = ["A", "B"].map((id) => ({ key: crm(id), sourceKey: { system: "salesforce", object: "Account", id }, account: { name: id } }));

/** toSnapshot as it was before events went over column by column: one event object per event. */
function toSnapshotPerEvent(graph: IdentityGraph, options: SnapshotBuilderOptions): Snapshot {
  const entities = graph.entities();
  const builder = new SnapshotBuilder({ ...options, fields: { ...entities.fields, ...options.fields }, validate: options.validate ?? false });
  (builder as unknown as { eventIdsUnique: boolean }).eventIdsUnique = true;
  for (const r of entities.accounts) builder.addAccount(r);
  for (const r of entities.persons) builder.addPerson(r);
  graph.forEachEvent((r) => builder.addEvent(r));
  return builder.build();
}

const propertySets: (Record<string, string | number | boolean | null> | undefined)[] = [
  undefined,
  { webpage: "/pricing" },
  { webpage: "/docs", seconds: 3 },
  { seconds: "three" },
  { seconds: null, opened: true },
  { opened: "yes" },
  { id: "reserved", webpage: "/a" },
  { type: "reserved" },
  { sentAt: "2026-11-01T00:00:00Z" },
  { sentAt: "not a time" },
  { score: 1.5, webpage: null },
  {},
];
const times = ["2026-11-18T09:00:00.000Z", "2026-11-17T09:00:00+01:00", "2026-11-18T09:00:00Z", "2026-11-18T09:00:00.000Z", "2026-01-01T00:00:00.123Z"];
const keyLists = [
  undefined,
  [],
  [{ system: "marketo", object: "Activity", id: "k1" }],
  [{ system: "marketo", id: "k2" }],
  [{ system: "marketo", instance: "eu", object: "Activity", id: "k1" }],
  [
    { system: "a", id: "1" },
    { system: "b", id: "2" },
  ],
  [
    { system: "a", id: "1" },
    { system: "a", id: "1" },
  ],
];
const owners = [lead("1"), lead("2"), lead("3"), lead("9"), crm("A"), crm("B"), crm("Z")];

const eventArb = fc
  .record({
    id: fc.integer({ min: 0, max: 30 }),
    type: fc.constantFrom("Visit Webpage", "Open Email", "Fill Out Form"),
    time: fc.constantFrom(...times),
    properties: fc.constantFrom(...propertySets),
    keys: fc.constantFrom(...keyLists),
    owner: fc.constantFrom(...owners),
    line: fc.integer({ min: 2, max: 50 }),
  })
  .map(({ id, type, time, properties, keys, owner, line }): EventSourceRecord => {
    const event: EventSourceRecord["event"] = { id: `e${id}`, type, occurredAt: time };
    if (properties !== undefined) event.properties = { ...properties };
    if (keys !== undefined) event.sourceKeys = keys.map((k) => ({ ...k, id: k.id === "k1" ? `k${id}` : k.id }));
    return {
      event,
      ...(owner.namespace === "marketo.lead" ? { person: owner } : { account: owner }),
      origin: { file: "activities.csv", line },
    };
  });

const declaredArb = fc.constantFrom<FieldDefinitions | undefined>(
  undefined,
  { seconds: { type: "number" } },
  { sentAt: { type: "instant" }, opened: { type: "boolean" } },
);

/** Everything a snapshot holds, including each event column's codes and dictionary, and the order of the columns. */
function contentOf(snapshot: Snapshot) {
  const table = (t: Snapshot["personEvents"]) => ({ whole: t, columnOrder: [...t.columns.keys()] });
  return { person: table(snapshot.personEvents), account: table(snapshot.accountEvents), report: snapshot.report, persons: snapshot.persons };
}

describe("events handed to the Snapshot column by column", () => {
  it("give the same Snapshot and the same report as one event object per event", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), declaredArb, fc.boolean(), (events, declared, validate) => {
        const graph = new IdentityGraph();
        graph.add({ persons, accounts });
        graph.add({ events });
        const options: SnapshotBuilderOptions = { asOf: ASOF, validate, ...(declared ? { fields: { event: declared } } : {}) };
        const bulk = toSnapshot(graph, options);
        const perEvent = toSnapshotPerEvent(graph, options);
        expect(contentOf(bulk)).toEqual(contentOf(perEvent));
        expect(bulk.report.counts.event).toEqual(perEvent.report.counts.event);
      }),
      { numRuns: 300 },
    );
  });

  it("reports each rejected event with its position, as the per-event path does", () => {
    const graph = new IdentityGraph();
    graph.add({ persons });
    const base = { type: "Visit Webpage", occurredAt: "2026-11-18T09:00:00.000Z" };
    graph.add({
      events: [
        { event: { ...base, id: "e1", properties: { seconds: 3 } }, person: lead("1") },
        { event: { ...base, id: "e2", properties: { seconds: "three" } }, person: lead("2") },
        { event: { ...base, id: "e3", properties: { id: "x" } }, person: lead("3") },
        { event: { ...base, id: "e4", occurredAt: "2026-11-18T10:00:00+01:00" }, person: lead("1") },
      ],
    });
    const snapshot = toSnapshot(graph, { asOf: ASOF });
    expect(snapshot.report.counts.event).toEqual({ read: 4, loaded: 3, rejected: 1 });
    expect(snapshot.report.problems.map((p) => [p.row, p.id, p.severity, p.code, p.path])).toEqual([
      [2, "e2", "error", "invalid_type", ["properties", "seconds"]],
      [3, "e3", "warning", "reserved_name", ["properties", "id"]],
    ]);
    expect(snapshot.personEvents.ids).toEqual(["e1", "e4", "e3"]);
    const time = snapshot.personEvents.column("occurredAt")!;
    expect(time.value(1)).toBe("2026-11-18T09:00:00.000Z");
  });
});
