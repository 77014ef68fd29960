import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdentityGraph, toSnapshot, type EventSourceRecord, type Snapshot } from "@abm-kit/core";
import { EventChunkPacker, eventChunkBuffers, type EventChunk } from "@abm-kit/core/internal";

const ASOF = "2026-11-20T12:00:00Z";
const lead = (value: string) => ({ namespace: "marketo.lead", value });
const crm = (value: string) => ({ namespace: "salesforce.account", value });
const persons = ["1", "2", "3"].map((id) => ({ key: lead(id), sourceKey: { system: "marketo", object: "Lead", id }, person: { email: `p${id}@x.com` } }));
const accounts = ["A", "B"].map((id) => ({ key: crm(id), sourceKey: { system: "salesforce", object: "Account", id }, account: { name: id } }));

const propertySets: unknown[] = [
  undefined,
  { webpage: "/pricing" },
  { webpage: "/docs", seconds: 3 },
  { seconds: -0 },
  { seconds: 0 },
  { seconds: null, opened: true },
  { id: "reserved" },
  { "": "empty name" },
  { nested: { a: 1 } },
  { lone: "\ud800" },
  {},
];
const times = ["2026-11-18T09:00:00.000Z", "2026-11-17T09:00:00+01:00", "2026-11-18T09:00:00Z", "0999-01-01T00:00:00.000Z", "yesterday"];
const keyLists: unknown[] = [
  undefined,
  [{ system: "marketo", object: "Activity", id: "SELF" }],
  [{ system: "marketo", id: "k2" }],
  [{ system: "marketo", instance: "eu", object: "Activity", id: "SELF" }],
  [{ system: "marketo", object: "Activity", id: "other" }],
  [],
  [{ id: "SELF", system: "marketo" }],
  [{ system: "marketo", id: "" }],
  [
    { system: "a", id: "1" },
    { system: "b", id: "2" },
  ],
];
const owners: unknown[] = [
  { person: lead("1") },
  { person: lead("2") },
  { person: lead("9") },
  { account: crm("A") },
  { account: crm("Z") },
  {},
  { person: lead("") },
];
const origins: unknown[] = [
  undefined,
  { file: "a.csv", line: 3 },
  { file: "b.csv", line: 4 },
  { file: "a.csv" },
  { line: 7 },
  {},
  { file: "a.csv", line: 2.5 },
  { file: "a.csv", extra: 1 },
];
const orders = ["id,type,occurredAt,properties,sourceKeys", "type,id,occurredAt,properties,sourceKeys", "id,type,occurredAt,sourceKeys,properties"];

/** Mostly the first `common` values (the columns' usual case), sometimes the rest. */
const mostly = <T>(values: readonly T[], common: number) =>
  fc.oneof({ arbitrary: fc.constantFrom(...values.slice(0, common)), weight: 6 }, { arbitrary: fc.constantFrom(...values.slice(common)), weight: 1 });

const recordArb = fc
  .record({
    id: fc.integer({ min: 0, max: 25 }),
    type: mostly(["Visit Webpage", "Open Email", ""], 2),
    time: mostly(times, 3),
    properties: mostly(propertySets, 7),
    keys: mostly(keyLists, 1 + 4),
    owner: mostly(owners, 5),
    origin: mostly(origins, 6),
    order: mostly(orders, 1),
  })
  .map(({ id, type, time, properties, keys, owner, origin, order }) => {
    const parts: Record<string, unknown> = {
      id: `marketo:e${id}`,
      type,
      occurredAt: time,
      properties: properties === undefined ? undefined : structuredClone(properties),
      sourceKeys: (keys as { id: string }[] | undefined)?.map((k) => ({ ...k, id: k.id === "SELF" ? `e${id}` : k.id })),
    };
    const event: Record<string, unknown> = {};
    for (const name of order.split(",")) if (parts[name] !== undefined) event[name] = parts[name];
    return { event, ...(owner as object), ...(origin !== undefined ? { origin: { ...(origin as object) } } : {}) };
  });

/** What a graph holds: every row of its event store as a record, the later copies of ids (as JSON too: key order decides ties), its results. */
function contentOf(graph: IdentityGraph, snapshot: Snapshot) {
  const store = (graph as unknown as { state: { events: { size: number; record(row: number): unknown; copies: Map<string, unknown[]> } } }).state.events;
  const rows = Array.from({ length: store.size }, (_, row) => store.record(row));
  return {
    rows,
    copies: [...store.copies],
    copiesJson: JSON.stringify([...store.copies]),
    entities: graph.entities(),
    report: graph.report,
    snapshot: { person: snapshot.personEvents, account: snapshot.accountEvents, report: snapshot.report },
  };
}

/** A chunk as the thread holding the graph receives it: posted, its buffers transferred. */
const posted = (chunk: EventChunk): EventChunk => structuredClone(chunk, { transfer: eventChunkBuffers(chunk) });

describe("event records packed into chunks (the worker-thread path of loadExports)", () => {
  it("give the graph the same rows, copies, problems, entities and Snapshot as the records themselves (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(recordArb, { maxLength: 25 }), { maxLength: 4 }), (batches) => {
        const direct = new IdentityGraph();
        const packed = new IdentityGraph();
        for (const graph of [direct, packed]) graph.add({ persons, accounts });
        const packer = new EventChunkPacker();
        for (const batch of batches) {
          const expected = direct.add({ events: batch as EventSourceRecord[] }); // some are not valid: the graph reports them
          for (const record of batch) packer.add(record);
          const got = packed.addEventChunk(posted(packer.finish()));
          expect(got).toEqual(expected);
        }
        expect(contentOf(packed, toSnapshot(packed, { asOf: ASOF }))).toEqual(contentOf(direct, toSnapshot(direct, { asOf: ASOF })));
      }),
      { numRuns: 300 },
    );
  });

  it("sends a record with a -0 property whole, and the graph keeps the first set of each text, as `add` does", () => {
    const packer = new EventChunkPacker();
    const base = (id: string) => ({ id, type: "Visit Webpage", occurredAt: "2026-11-18T09:00:00.000Z" });
    packer.add({ event: { ...base("e1"), properties: { seconds: -0 } }, person: lead("1"), origin: { file: "a.csv", line: 2 } });
    packer.add({ event: { ...base("e2"), properties: { seconds: 0 } }, person: lead("1"), origin: { file: "a.csv", line: 3 } });
    packer.add({ event: base("e3"), person: lead("1"), origin: { file: "a.csv", line: 4.5 } });
    const chunk = packer.finish();
    expect(chunk.rows).toBe(1); // e2; e1 (a -0) and e3 (a line that is not an integer) travel whole
    expect(chunk.records.map((r) => [r.before, r.index])).toEqual([
      [0, 0],
      [1, 2],
    ]);
    const graph = new IdentityGraph();
    graph.add({ persons });
    graph.addEventChunk(posted(chunk));
    const [first, second] = graph.entities().events;
    expect(Object.is(first!.properties!.seconds, -0)).toBe(true);
    expect(Object.is(second!.properties!.seconds, -0)).toBe(true); // one set per text, the first one given, as `add` keeps them
  });
});
