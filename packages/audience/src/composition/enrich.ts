import type { AttributeValue, Snapshot } from "@abm-kit/core";
import { z } from "zod";
import { commonNow, composedResult, type ComposedResult, type EnrichedMember, type MemberList } from "./composed-result.js";
import { EnrichAttributeSchema, type EnrichAttribute } from "./composition.schema.js";
import { toMemberSet } from "./member-set.js";
import { memberTable } from "./member-rows.js";
import { compileMemberValue } from "./member-value.js";
import { NowOptionSchema, checkMemberList, checkOptions } from "./composition-options.js";

/**
 * Attaches attributes read or computed from the snapshot to each member, for
 * export: `{ id, attributes: { name: value } }` in id order. A value missing
 * for a member is `null`. The result keeps the input's identity (id, name,
 * version) and members (those the snapshot holds).
 */
export function enrich(
  input: MemberList & { audienceVersion?: number },
  snapshot: Snapshot,
  attributes: readonly EnrichAttribute[],
  options: { now?: string } = {},
): ComposedResult {
  checkMemberList(input, "enrich", "input");
  checkOptions(z.array(EnrichAttributeSchema), attributes, "enrich", ["attributes"]);
  checkOptions(NowOptionSchema, options, "enrich");
  const now = commonNow([input], options.now);
  const nowMs = Date.parse(now);
  const readers = attributes.map((a, i) => ({ name: a.name, reader: compileMemberValue(snapshot, input.type, a.value, nowMs, ["enrich", i, "value"]) }));
  const table = memberTable(snapshot, input.type);
  const identity = { id: input.audienceId, name: input.audienceName, version: input.audienceVersion };
  const base = composedResult(identity, snapshot, input.type, now, toMemberSet(input.memberIds), []);
  const members: EnrichedMember[] = base.memberIds.map((id) => {
    const row = table.indexOf(id);
    const values: Record<string, AttributeValue> = {};
    for (const { name, reader } of readers) values[name] = reader.read(row);
    return { id, attributes: values };
  });
  return { ...base, warnings: [...(input.warnings ?? []), ...base.warnings], members };
}
