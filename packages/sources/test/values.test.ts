import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inferFieldType, parseInstant, parseValue, salesforceIdSuffix, toSalesforceId18 } from "../src/index.js";

describe("Salesforce ids", () => {
  it("appends the documented checksum to a 15-character id", () => {
    // upper-case letters at positions 0 and 4 of the last block → bits 1 + 16 = 17 → "R"
    expect(toSalesforceId18("0015000000Gv7qJ")).toBe("0015000000Gv7qJAAR");
    expect(salesforceIdSuffix("001Hs00001AcmeA")).toBe("IAR");
  });

  it("treats a 15-character id and its 18-character form, in any letter case, as one id", () => {
    const alnum = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".split(""));
    fc.assert(
      fc.property(fc.array(alnum, { minLength: 15, maxLength: 15 }), (chars) => {
        const id15 = chars.join("");
        const id18 = toSalesforceId18(id15)!;
        expect(id18.slice(0, 15)).toBe(id15);
        expect(toSalesforceId18(id18)).toBe(id18);
        expect(toSalesforceId18(id18.toLowerCase())).toBe(id18);
        expect(toSalesforceId18(id18.toUpperCase())).toBe(id18);
      }),
    );
  });

  it("refuses what is not an id", () => {
    expect(toSalesforceId18("not-an-id")).toBeUndefined();
    expect(toSalesforceId18("001Hs00001AcmeAIA")).toBeUndefined();
    expect(toSalesforceId18("001Hs00001AcmeA999")).toBeUndefined();
  });
});

describe("value parsing", () => {
  it("reads Salesforce and Marketo date-times to UTC instants and refuses zoneless ones", () => {
    expect(parseInstant("2026-03-01T09:30:00.000+0000")).toBe("2026-03-01T09:30:00.000Z");
    expect(parseInstant("2026-03-01T09:30:00.000Z")).toBe("2026-03-01T09:30:00.000Z");
    expect(parseInstant("2026-03-01T10:30:00+01:00")).toBe("2026-03-01T09:30:00.000Z");
    expect(parseInstant("2026-03-01 09:30:00Z")).toBe("2026-03-01T09:30:00.000Z");
    expect(parseInstant("2026-03-01T09:30:00")).toBeUndefined();
    expect(parseInstant("2026-02-30T09:30:00Z")).toBeUndefined();
  });

  it("reads an instant already in UTC with milliseconds as the same text, and refuses one off the calendar", () => {
    expect(parseInstant("2026-02-30T09:30:00.000Z")).toBeUndefined();
    expect(parseInstant("2025-02-29T09:30:00.000Z")).toBeUndefined();
    expect(parseInstant("2026-13-01T09:30:00.000Z")).toBeUndefined();
    expect(parseInstant("2028-02-29T23:59:59.999Z")).toBe("2028-02-29T23:59:59.999Z");
    fc.assert(
      fc.property(fc.date({ min: new Date("0100-01-01T00:00:00.000Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true }), (d) => {
        const text = d.toISOString();
        expect(parseInstant(text)).toBe(text);
        // the same instant written another way reads to the same text
        expect(parseInstant(text.replace("T", " ").replace("Z", "+00:00"))).toBe(text);
      }),
    );
  });

  it("reads blanks as missing, booleans, dates, numbers and multi-select picklists", () => {
    expect(parseValue("  ", "number")).toEqual({ ok: true, value: undefined });
    expect(parseValue("true", "boolean")).toEqual({ ok: true, value: true });
    expect(parseValue("FALSE", "boolean")).toEqual({ ok: true, value: false });
    expect(parseValue("yes", "boolean").ok).toBe(false);
    expect(parseValue("2026-02-29", "date").ok).toBe(false);
    expect(parseValue("2028-02-29", "date")).toEqual({ ok: true, value: "2028-02-29" });
    expect(parseValue("1,200", "number").ok).toBe(false);
    expect(parseValue("12.5", "integer").ok).toBe(false);
    expect(parseValue("a; b;;c", "multi")).toEqual({ ok: true, value: ["a", "b", "c"] });
  });

  it("infers the type of a custom column from all its values", () => {
    expect(inferFieldType(["true", "", "false"])).toBe("boolean");
    expect(inferFieldType(["1", "2.5", ""])).toBe("number");
    expect(inferFieldType(["2026-01-01", "2026-13-01x"])).toBe("string");
    expect(inferFieldType(["2026-01-01", "2026-02-01"])).toBe("date");
    expect(inferFieldType(["2026-01-01T00:00:00.000+0000"])).toBe("instant");
    expect(inferFieldType(["", ""])).toBe("string");
  });
});

describe("18-character Salesforce ids whose suffix disagrees with their case", () => {
  it("refuses an id whose first 15 characters carry a case the suffix does not (property)", () => {
    const letters = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz".split(""));
    fc.assert(
      fc.property(
        fc.array(letters, { minLength: 15, maxLength: 15 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 14 }),
        (chars, upper, flip) => {
          const id15 = chars.map((c, i) => (i === upper ? c.toUpperCase() : c)).join("");
          const id18 = toSalesforceId18(id15)!;
          // change the case of one letter, keeping the suffix: mixed case that disagrees with it
          const changed =
            id18.slice(0, flip) + (id18[flip] === id18[flip]!.toUpperCase() ? id18[flip]!.toLowerCase() : id18[flip]!.toUpperCase()) + id18.slice(flip + 1);
          const base = changed.slice(0, 15);
          if (base.toLowerCase() === base || base.toUpperCase() === base) return; // one case throughout: the case was lost, the suffix restores it
          expect(toSalesforceId18(changed)).toBeUndefined();
        },
      ),
    );
  });

  it("rejects the value with a message naming the mismatch, and keeps case-folded ids", () => {
    expect(toSalesforceId18("001Hs00001acmeAIAR")).toBeUndefined();
    const parsed = parseValue("001Hs00001acmeAIAR", "salesforceId");
    expect(parsed).toEqual({ ok: false, message: expect.stringContaining("does not match") });
    expect(parseValue("001hs00001acmeaiar", "salesforceId")).toEqual({ ok: true, value: "001Hs00001AcmeAIAR" });
    expect(parseValue("001HS00001ACMEAIAR", "salesforceId")).toEqual({ ok: true, value: "001Hs00001AcmeAIAR" });
  });
});
