import { describe, expect, it } from "vitest";
import { IdentityGraph, buildSnapshot, toSnapshot, type EventSourceRecord } from "@abm-kit/core";

const lead = (value: string) => ({ namespace: "marketo.lead", value });
const event = (id: string, owner: string, extra: Partial<EventSourceRecord["event"]> = {}, line = 2): EventSourceRecord => ({
  event: {
    id,
    type: "Visit Webpage",
    occurredAt: "2026-11-18T09:00:00.000Z",
    properties: { webpage: "/pricing" },
    sourceKeys: [{ system: "marketo", object: "Activity", id }],
    ...extra,
  },
  person: lead(owner),
  origin: { file: "activities.csv", line },
});

function graphWithEvents(events: EventSourceRecord[]) {
  const graph = new IdentityGraph();
  graph.add({
    persons: [
      { key: lead("1"), sourceKey: { system: "marketo", object: "Lead", id: "1" }, person: { email: "a@x.com" } },
      { key: lead("2"), sourceKey: { system: "marketo", object: "Lead", id: "2" }, person: { email: "b@x.com" } },
    ],
  });
  graph.add({ events });
  return graph;
}

describe("events in the identity graph", () => {
  const events = [
    event("e1", "1"),
    event("e2", "2", { occurredAt: "2026-11-17T09:00:00+01:00", properties: { webpage: "/docs", seconds: 3 } }),
    event("e3", "9"),
    event("e4", "1", { sourceKeys: undefined, properties: undefined }),
    // a second copy of e1 on another person: the smaller JSON text wins
    event("e1", "2", {}, 7),
    event("e5", "1", {
      sourceKeys: [
        { system: "a", id: "1" },
        { system: "b", id: "2" },
      ],
    }),
  ];

  it("re-points events, reports unresolved owners once each, and keeps the smallest copy of a repeated id", () => {
    const graph = graphWithEvents(events);
    const list = graph.entities().events;
    expect(list.map((e) => [e.id, e.personId])).toEqual([
      ["e2", "marketo.lead:2"],
      ["e1", "marketo.lead:1"],
      ["e4", "marketo.lead:1"],
      ["e5", "marketo.lead:1"],
    ]);
    expect(list[0]).toEqual({
      id: "e2",
      type: "Visit Webpage",
      occurredAt: "2026-11-17T09:00:00+01:00",
      properties: { webpage: "/docs", seconds: 3 },
      sourceKeys: [{ system: "marketo", object: "Activity", id: "e2" }],
      personId: "marketo.lead:2",
    });
    expect(list[2]).toEqual({ id: "e4", type: "Visit Webpage", occurredAt: "2026-11-18T09:00:00.000Z", personId: "marketo.lead:1" });
    expect(list[3]!.sourceKeys).toEqual([
      { system: "a", id: "1" },
      { system: "b", id: "2" },
    ]);
    const unresolved = graph.report.problems.filter((p) => p.code === "unresolved_reference");
    expect(unresolved).toEqual([expect.objectContaining({ part: "events", origin: { file: "activities.csv", line: 2 } })]);
    expect(unresolved[0]!.message).toContain('"9"');
  });

  it("gives the same events to toSnapshot as the list does, in any order of adding", () => {
    const graph = graphWithEvents(events);
    const fromList = buildSnapshot({ persons: graph.entities().persons, events: graph.entities().events }, { asOf: "2026-11-20T00:00:00.000Z" });
    const reversed = toSnapshot(graphWithEvents([...events].reverse()), { asOf: "2026-11-20T00:00:00.000Z" });
    expect(reversed.personEvents.size).toBe(4);
    for (let row = 0; row < fromList.personEvents.size; row++) {
      expect(reversed.personEvents.ids?.[row]).toBe(fromList.personEvents.ids?.[row]);
      expect(reversed.personEvents.column("webpage")!.value(row)).toBe(fromList.personEvents.column("webpage")!.value(row));
    }
  });

  it("a list of events handed out can be changed without changing the graph", () => {
    const graph = graphWithEvents(events);
    graph.entities().events[0]!.properties!.webpage = "changed";
    expect(new IdentityGraph().entities().events).toEqual([]);
    const again: string[] = [];
    graph.forEachEvent((e) => again.push(String(e.properties?.webpage)));
    expect(again).not.toContain("changed");
  });
});
