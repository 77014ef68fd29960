import { describe, expect, it } from "vitest";
import { SnapshotBuilder, buildSnapshot, buildSnapshotUntyped } from "@abm-kit/core";

/**
 * The record methods take the schemas' input types: a mistake in a record
 * literal fails the type-check (each `@ts-expect-error` below is itself checked
 * by `tsc`: it fails when the line it covers compiles). Untyped data goes
 * through `addRecord` / `buildSnapshotUntyped`, checked at run time.
 */
describe("typed record inputs", () => {
  const asOf = "2026-11-20T12:00:00Z";

  it("a wrong type or a misspelt field in a record literal does not compile", () => {
    const builder = new SnapshotBuilder({ asOf });
    // @ts-expect-error an id is a string
    expect(builder.addAccount({ id: 1, name: "Acme" })).toBe(false);
    // @ts-expect-error `nam` is not a field of an account
    builder.addAccount({ id: "acc-1", nam: "Acme" });
    // @ts-expect-error consent states are granted | denied | unknown
    expect(builder.addPerson({ id: "per-1", consent: { email: "yes" } })).toBe(false);
    // @ts-expect-error a link needs both ends
    expect(builder.addLink({ accountId: "acc-1" })).toBe(false);
    // @ts-expect-error an event's occurredAt is an instant (a string)
    expect(builder.addEvent({ id: "e1", type: "Visit", occurredAt: new Date(0), personId: "per-1" })).toBe(false);
    // @ts-expect-error related rows carry their values under `values`
    builder.addRelatedRow("intent", { key: "acme.com", topic: "CRM" });
    expect(builder.build().report.counts.account).toEqual({ read: 2, loaded: 1, rejected: 1 });
  });

  it("buildSnapshot checks every kind's records the same way", () => {
    // @ts-expect-error employeeCount is a number
    const snapshot = buildSnapshot({ accounts: [{ id: "a", employeeCount: "many" }] }, { asOf });
    expect(snapshot.report.counts.account).toEqual({ read: 1, loaded: 0, rejected: 1 });
  });

  it("untyped data goes through addRecord and buildSnapshotUntyped, validated at run time", () => {
    const json: unknown = JSON.parse('{"accounts":[{"id":"a","name":"Acme"},{"id":2}],"links":[{"accountId":"a","personId":"p"}],"persons":[{"id":"p"}]}');
    const builder = new SnapshotBuilder({ asOf });
    const { accounts } = json as { accounts: unknown[] };
    expect(accounts.map((r) => builder.addRecord("account", r))).toEqual([true, false]);
    expect(builder.addRecord("related:intent", { key: "acme.com", values: {} })).toBe(false);
    expect(() => builder.addRecord("company" as never, {})).toThrow(expect.objectContaining({ code: "INVALID_OPTIONS" }));

    const snapshot = buildSnapshotUntyped(json as Record<string, unknown[]>, { asOf });
    expect(snapshot.accounts.ids).toEqual(["a"]);
    expect(snapshot.report.counts.account).toEqual({ read: 2, loaded: 1, rejected: 1 });
    expect(snapshot.report.counts.link).toEqual({ read: 1, loaded: 1, rejected: 0 });
  });
});
