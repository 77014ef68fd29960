import { SnapshotBuilder, ValidationError, type Consent, type ConsentState } from "@abm-kit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { consentFromOptOut, consentOf, filterByConsent, mergeConsent, mergeConsentRecords } from "../src/index.js";

const ASOF = "2026-11-20T12:00:00.000Z";

/** Person p1 from two sources: Salesforce (HasOptedOutOfEmail=false) and Marketo (unsubscribed=true). */
function sourceRecords(): Record<string, Consent[]> {
  return {
    p1: [{ email: consentFromOptOut("false", { falseMeansGranted: true }), advertising: "granted" }, { email: consentFromOptOut(true) }],
    p2: [{ email: "granted" }, { email: "unknown" }],
    p3: [{ advertising: "denied" }],
    p4: [],
  };
}

function snapshotOfMergedPeople() {
  const builder = new SnapshotBuilder({ asOf: ASOF });
  for (const [id, records] of Object.entries(sourceRecords())) {
    builder.addPerson({ id, email: `${id}@example.com`, consent: mergeConsentRecords(records) });
  }
  return builder.build();
}

describe("mergeConsent", () => {
  it("treats an opt-out in any source as an opt-out", () => {
    expect(mergeConsent(["granted", "denied"])).toBe("denied");
    expect(mergeConsent(["denied", "granted", "unknown"])).toBe("denied");
    expect(mergeConsent(["unknown", "granted"])).toBe("granted");
    expect(mergeConsent(["unknown", null, undefined])).toBe("unknown");
    expect(mergeConsent([])).toBe("unknown");
  });

  it("is order-independent and conservative (property)", () => {
    const state = fc.constantFrom<ConsentState>("granted", "denied", "unknown");
    fc.assert(
      fc.property(fc.array(state), (states) => {
        const merged = mergeConsent(states);
        expect(mergeConsent([...states].reverse())).toBe(merged);
        if (states.includes("denied")) expect(merged).toBe("denied");
        else if (states.includes("granted")) expect(merged).toBe("granted");
        else expect(merged).toBe("unknown");
      }),
    );
  });

  it("merges whole records channel by channel", () => {
    expect(mergeConsentRecords(sourceRecords().p1!)).toEqual({ advertising: "granted", email: "denied" });
    expect(mergeConsentRecords([null, { sms: "unknown" }, undefined])).toEqual({ sms: "unknown" });
  });
});

describe("consentFromOptOut", () => {
  it("reads opt-out flags as exported by CRMs", () => {
    expect(consentFromOptOut(true)).toBe("denied");
    expect(consentFromOptOut("TRUE")).toBe("denied");
    expect(consentFromOptOut("1")).toBe("denied");
    expect(consentFromOptOut(false)).toBe("unknown");
    expect(consentFromOptOut(false, { falseMeansGranted: true })).toBe("granted");
    expect(consentFromOptOut("0", { falseMeansGranted: true })).toBe("granted");
    expect(consentFromOptOut("")).toBe("unknown");
    expect(consentFromOptOut(null)).toBe("unknown");
    expect(consentFromOptOut(7)).toBe("unknown");
  });
});

describe("consentOf and filterByConsent on a Snapshot", () => {
  it("reads consent.<channel> columns", () => {
    const snapshot = snapshotOfMergedPeople();
    const row = (id: string) => snapshot.persons.indexOf(id);
    expect(consentOf(snapshot, row("p1"), "email")).toBe("denied");
    expect(consentOf(snapshot, row("p1"), "advertising")).toBe("granted");
    expect(consentOf(snapshot, row("p2"), "email")).toBe("granted");
    expect(consentOf(snapshot, row("p3"), "email")).toBe("unknown");
    expect(consentOf(snapshot, row("p3"), "advertising")).toBe("denied");
    expect(consentOf(snapshot, row("p1"), "sms")).toBe("unknown");
    expect(consentOf(snapshot, -1, "email")).toBe("unknown");
    expect(consentOf(snapshot, 99, "email")).toBe("unknown");
  });

  it("drops a person opted out in one source but not in another, and counts the drops", () => {
    const snapshot = snapshotOfMergedPeople();
    const rows = ["p1", "p2", "p3", "p4"].map((id) => snapshot.persons.indexOf(id));
    const email = filterByConsent(snapshot, rows, { channel: "email" });
    expect(email.allowed.map((r) => snapshot.persons.id(r))).toEqual(["p2", "p3", "p4"]);
    expect(email.dropped).toBe(1);

    const strict = filterByConsent(snapshot, rows, { channel: "email", allowUnknown: false });
    expect(strict.allowed.map((r) => snapshot.persons.id(r))).toEqual(["p2"]);
    expect(strict.dropped).toBe(3);

    const ads = filterByConsent(snapshot, rows, { channel: "advertising" });
    expect(ads.allowed.map((r) => snapshot.persons.id(r))).toEqual(["p1", "p2", "p4"]);
    expect(ads.dropped).toBe(1);
  });

  it("keeps everyone (unknown) on a channel no one has, unless unknown is refused", () => {
    const snapshot = snapshotOfMergedPeople();
    const rows = [0, 1, 2, 3];
    expect(filterByConsent(snapshot, rows, { channel: "phone" })).toEqual({ allowed: [0, 1, 2, 3], dropped: 0 });
    expect(filterByConsent(snapshot, rows, { channel: "phone", allowUnknown: false })).toEqual({
      allowed: [],
      dropped: 4,
    });
  });

  it("drops and counts rows that are not person rows", () => {
    const snapshot = snapshotOfMergedPeople();
    const result = filterByConsent(snapshot, [1, -1, 4, 2.5, Number.NaN], { channel: "email" });
    expect(result).toEqual({ allowed: [1], dropped: 4 });
  });

  it("accounts for every input row: allowed + dropped = input (property)", () => {
    const snapshot = snapshotOfMergedPeople();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 6 })), fc.boolean(), (rows, allowUnknown) => {
        const result = filterByConsent(snapshot, rows, { channel: "email", allowUnknown });
        expect(result.allowed.length + result.dropped).toBe(rows.length);
        for (const r of result.allowed) expect(consentOf(snapshot, r, "email")).not.toBe("denied");
      }),
    );
  });

  it("rejects an invalid rule with a typed error", () => {
    const snapshot = snapshotOfMergedPeople();
    const call = () => filterByConsent(snapshot, [0], { channel: "" });
    expect(call).toThrow(ValidationError);
    try {
      call();
    } catch (error) {
      expect((error as ValidationError).code).toBe("VALIDATION_FAILED");
      expect((error as ValidationError).problems.map((p) => p.path)).toEqual([["channel"]]);
    }
  });
});
