import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hashString, StringIndex } from "../src/snapshot/string-index.js";

/**
 * Keys from a small alphabet, so that keys repeat, share prefixes and collide
 * in the low bits; some longer than an inline key, some with characters at or
 * above U+0100 (never kept inline), some with U+00FF (a slot word's top byte).
 */
const key = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom("a", "b", "é", "ÿ", "-", "0", "1", "\u{1F600}", "\u0100"), maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom("a", "b", "ÿ"), minLength: 18, maxLength: 23 }) },
);

describe.each([{ inlineKeys: false }, { inlineKeys: true }])("StringIndex (%o)", (options) => {
  it("numbers keys in first-seen order with entryOf, as a Map-based dictionary does, through growth", () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 400, size: "max" }), (keys) => {
        const index = StringIndex.empty(options);
        const model = new Map<string, number>();
        for (const k of keys) {
          if (!model.has(k)) model.set(k, model.size);
          expect(index.entryOf(k)).toBe(model.get(k));
        }
        expect(Array.from({ length: index.size }, (_, i) => index.key(i))).toEqual([...model.keys()]);
        for (const [k, entry] of model) expect(index.find(k)).toBe(entry);
      }),
      { numRuns: 500 },
    );
    expect(() => StringIndex.over(["a"]).entryOf("b")).toThrow(TypeError);
    expect(StringIndex.over(["a"]).entryOf("a")).toBe(0);
  });

  it("takes back the key added last, through growth and collisions, as if it had never been added", () => {
    const op = fc.oneof({ weight: 4, arbitrary: key.map((k) => ({ add: k })) }, { weight: 1, arbitrary: fc.constant({ removeLast: true as const }) });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 300, size: "max" }), fc.array(key, { maxLength: 20 }), (ops, probes) => {
        const index = StringIndex.empty(options);
        const model: string[] = [];
        for (const o of ops) {
          if ("add" in o) {
            if (!model.includes(o.add)) model.push(o.add);
            index.addIfAbsent(o.add);
          } else {
            expect(index.removeLast()).toBe(model.length > 0);
            model.pop();
          }
          expect(index.size).toBe(model.length);
        }
        model.forEach((k, entry) => expect(index.find(k)).toBe(entry));
        for (const k of probes) expect(index.find(k)).toBe(model.indexOf(k));
        // what was taken back can be added again, in its new place
        for (const k of probes) index.addIfAbsent(k);
        for (const k of probes) expect(index.key(index.find(k))).toBe(k);
      }),
      { numRuns: 1000 },
    );
    expect(StringIndex.over(["a"]).removeLast()).toBe(false);
  });

  it("a growable index agrees with a Map under any sequence of adds and finds", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), key), { maxLength: 400 }), (ops) => {
        const index = StringIndex.empty(options);
        const model = new Map<string, number>();
        for (const [isAdd, k] of ops) {
          if (isAdd) {
            const expected = model.get(k);
            const { entry, added } = index.add(k);
            expect(added).toBe(expected === undefined);
            if (expected === undefined) model.set(k, model.size);
            expect(entry).toBe(model.get(k));
          } else {
            expect(index.find(k)).toBe(model.get(k) ?? -1);
            // the same lookup with the hash given by the caller
            expect(index.find(k, hashString(k))).toBe(model.get(k) ?? -1);
            expect(index.has(k)).toBe(model.has(k));
          }
        }
        expect(index.size).toBe(model.size);
        for (const [k, entry] of model) {
          expect(index.find(k)).toBe(entry);
          expect(index.key(entry)).toBe(k);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("an index over a list finds every key at its first position, and nothing else", () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), fc.array(key, { maxLength: 50 }), (keys, probes) => {
        const index = StringIndex.over(keys, options);
        for (const k of [...keys, ...probes]) expect(index.find(k)).toBe(keys.indexOf(k));
      }),
      { numRuns: 300 },
    );
  });

  it("holds a large number of similar ids through many doublings", () => {
    const index = StringIndex.empty(options);
    const n = 300_000;
    let added = 0;
    for (let i = 0; i < n; i++) if (index.addIfAbsent(`ev-${i}`)) added++;
    expect(added).toBe(n);
    expect(index.addIfAbsent("ev-123")).toBe(false);
    let found = 0;
    for (let i = 0; i < n; i++) if (index.find(`ev-${i}`) === i) found++;
    expect(found).toBe(n);
    expect(index.find(`ev-${n}`)).toBe(-1);
    expect(index.find("ev-")).toBe(-1);
  });

  it("finds record ids kept inline and tells apart ids that differ in any one character", () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `003Dn00000${String(i).padStart(5, "0")}AAA`);
    const index = StringIndex.over(ids, options);
    ids.forEach((id, i) => expect(index.find(id)).toBe(i));
    for (let i = 0; i < 200; i++) {
      const id = ids[i * 25]!;
      for (let at = 0; at < id.length; at++) {
        const changed = `${id.slice(0, at)}${id[at] === "x" ? "y" : "x"}${id.slice(at + 1)}`;
        expect(index.find(changed)).toBe(-1);
      }
      expect(index.find(id.slice(0, -1))).toBe(-1);
      expect(index.find(`${id}A`)).toBe(-1);
    }
  });

  it("tells apart keys whose hashes are equal", () => {
    // find two ids with the same 32-bit hash (a birthday search: expected within ~80,000)
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined && i < 1_000_000; i++) {
      const id = `k${i}`;
      const h = hashString(id);
      const other = seen.get(h);
      if (other !== undefined) pair = [other, id];
      else seen.set(h, id);
    }
    expect(pair).toBeDefined();
    const [a, b] = pair!;
    expect(hashString(a)).toBe(hashString(b));
    expect(StringIndex.over([a], options).find(b)).toBe(-1);
    const index = StringIndex.empty(options);
    expect(index.add(a)).toEqual({ entry: 0, added: true });
    expect(index.add(b)).toEqual({ entry: 1, added: true });
    expect([index.find(a), index.find(b)]).toEqual([0, 1]);
  });

  it("a fixed index cannot be added to", () => {
    const index = StringIndex.over(["a"], options);
    expect(index.addIfAbsent("a")).toBe(false);
    expect(() => index.add("b")).toThrow(TypeError);
  });
});

describe("hashString", () => {
  it("spreads similar ids over the low bits", () => {
    const buckets = new Uint32Array(1024);
    for (let i = 0; i < 102_400; i++) buckets[hashString(`P${String(i).padStart(7, "0")}`) & 1023]!++;
    // 100 per bucket on average; a poor hash of sequential ids piles them into a few
    expect(Math.max(...buckets)).toBeLessThan(160);
    expect(Math.min(...buckets)).toBeGreaterThan(50);
  });
});
