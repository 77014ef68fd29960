import { describe, expect, it } from "vitest";
import { DictionaryBuilder } from "../src/snapshot/dictionary.js";

describe("DictionaryBuilder", () => {
  it("codes strings in first-seen order before and after it outgrows its Map", () => {
    const dictionary = new DictionaryBuilder();
    const model = new Map<string, number>();
    // 150,000 distinct strings (past the Map's limit of 65,536), each seen again later
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 150_000; i++) {
        const value = `value-${(i * 7919) % 150_000}`;
        if (!model.has(value)) model.set(value, model.size);
        expect(dictionary.code(value)).toBe(model.get(value));
      }
    }
    expect(dictionary.size).toBe(150_000);
    expect(dictionary.values).toEqual([...model.keys()]);
  });
});
