import { describe, expect, it } from "vitest";
import * as face from "../src/index.js";
import * as internal from "../src/internal/index.js";
import * as testing from "../src/testing/index.js";

describe("the package's face", () => {
  it("does not re-export zod: adapters import `z` from zod themselves", () => {
    expect(Object.keys(face)).not.toContain("z");
  });

  it("keeps the unstable /internal names off the public entry and off /testing", () => {
    const internalNames = Object.keys(internal);
    expect(internalNames.length).toBeGreaterThan(0);
    expect(internalNames.filter((name) => name in face || name in testing)).toEqual([]);
  });

  it("gives adapter authors what the object-store and HTTP adapters build on", () => {
    for (const name of ["defineDestination", "secret", "objectStoreDelivery", "sha256Check", "contentTypeOf", "FileExportOptionsSchema", "parseRetryAfter"]) {
      expect(face, name).toHaveProperty(name);
    }
  });
});
