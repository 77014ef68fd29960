import type { AudienceSqlErrorCode } from "../error-codes.js";
import { AbmKitError } from "@abm-kit/core";
import { referencedAudienceIds, type Audience } from "@abm-kit/audience";

/**
 * The audiences `root` needs, referenced ones first (depth first, each once),
 * ending with `root`. A cycle is an `AUDIENCE_REFERENCE_CYCLE` error naming
 * it; a missing audience an `UNKNOWN_AUDIENCE_REFERENCE` error.
 */
export function referenceOrder(root: Audience, known: ReadonlyMap<string, Audience>, isResult: (id: string) => boolean): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  const visit = (id: string, trail: string[]): void => {
    if (done.has(id)) return;
    const cycleStart = trail.indexOf(id);
    if (cycleStart >= 0) {
      const cycle = [...trail.slice(cycleStart), id].join(" → ");
      throw new AbmKitError<AudienceSqlErrorCode>("AUDIENCE_REFERENCE_CYCLE", `audience references form a cycle: ${cycle}`, [
        { path: [], message: cycle, code: "cycle" },
      ]);
    }
    const definition = id === root.id ? root : known.get(id);
    if (definition === undefined) {
      if (isResult(id)) {
        done.add(id);
        order.push(id);
        return;
      }
      const from = trail[trail.length - 1];
      throw new AbmKitError<AudienceSqlErrorCode>(
        "UNKNOWN_AUDIENCE_REFERENCE",
        `audience ${JSON.stringify(id)}${from ? ` (referenced by ${JSON.stringify(from)})` : ""} was not given`,
        [{ path: [], message: `unknown audience ${id}`, code: "unknown_reference" }],
      );
    }
    for (const ref of referencedAudienceIds(definition)) visit(ref, [...trail, id]);
    done.add(id);
    order.push(id);
  };
  visit(root.id, []);
  return order;
}
