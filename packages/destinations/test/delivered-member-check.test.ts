import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DeliveredMemberSchema, parseActivationState } from "../src/state/activation-state.js";
import { isDeliveredMember } from "../src/state/delivered-member-check.js";

const cell = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.constant(undefined), fc.anything());
/** Member records near and far from valid: right and wrong types, extra keys, missing keys. */
const record = fc.oneof(
  fc.record(
    {
      h: fc.oneof(fc.string(), fc.integer()),
      k: fc.oneof(fc.dictionary(fc.string(), cell), fc.array(fc.string()), fc.constant(null)),
      r: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.constant(2 ** 60), fc.constant(undefined)),
      x: fc.anything(),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

describe("loading member records without copying them", () => {
  it("accepts a record only when the schema accepts it and returns an equal one", () => {
    fc.assert(
      fc.property(record, (value) => {
        if (!isDeliveredMember(value)) return;
        const parsed = DeliveredMemberSchema.safeParse(value);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(value);
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts the records a run writes", () => {
    expect(isDeliveredMember({ h: "0123456789abcdef0123", k: { email_sha256: "ab", company: null, tags: ["a"], n: 2 }, r: 3 })).toBe(true);
    expect(isDeliveredMember(JSON.parse('{"h":"x","k":{"__proto__":"a"}}'))).toBe(true);
    expect(isDeliveredMember({ h: "x", r: -1 })).toBe(false);
    expect(isDeliveredMember({ h: "x", k: { a: Number.NaN } })).toBe(false);
    expect(isDeliveredMember({ h: "x", extra: 1 })).toBe(false);
  });

  it("accepts a loaded state exactly when every member record is valid", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), record), (members) => {
        const input = JSON.parse(JSON.stringify({ version: 1, audiences: { a: { members } } }));
        const bySchema = (() => {
          try {
            return { value: JSON.parse(JSON.stringify(parseActivationState(structuredClone(input), "s"))) };
          } catch (error) {
            return { error: (error as { problems?: unknown }).problems };
          }
        })();
        const plain = DeliveredMemberSchema.array();
        const expected = Object.values(input.audiences.a.members).every((m) => plain.element.safeParse(m).success);
        if (expected) expect(bySchema.value).toBeDefined();
        else expect(bySchema.error).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });
});
