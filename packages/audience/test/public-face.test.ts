import { buildSnapshot } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import * as face from "../src/index.js";
import * as internal from "../src/internal/index.js";

const NOW = "2026-11-20T12:00:00Z";

describe("the package face", () => {
  it("does not expose the evaluator's building blocks", () => {
    for (const name of ["Bitset", "RunState", "composedResult", "compileMemberValue", "toMemberSet", "trimText", "resolveWindow", "parseNow", "RELATIONS"]) {
      expect(face, name).not.toHaveProperty(name);
    }
  });

  it("keeps what sibling packages share on the internal subpath only", () => {
    const shared = [
      "trimText",
      "RELATIONS",
      "relatedTableName",
      "relationTarget",
      "resolveTimePoint",
      "resolveWindow",
      "checkConditionDepth",
      "referencedAudienceIds",
      "isAudienceResult",
      "checkMemberLists",
    ];
    expect(Object.keys(internal).sort()).toEqual([...shared].sort());
    for (const name of shared) expect(face, name).not.toHaveProperty(name);
  });

  it("compileAudience returns the definition, warnings and references, not the plan", () => {
    const snapshot = buildSnapshot({ accounts: [{ id: "acc-1", name: "Northwind", industry: "Software" }] }, { asOf: NOW });
    const compiled = face.compileAudience(face.audience.account("sw", "Software").where(face.attr.text("industry").eq("Software")), snapshot);
    expect(Object.keys(compiled).sort()).toEqual(["audience", "references", "snapshot", "warnings"]);
    expect(compiled.audience.id).toBe("sw");
    expect(face.evaluate(compiled.audience, snapshot, { now: NOW }).memberIds).toEqual(["acc-1"]);
  });
});
