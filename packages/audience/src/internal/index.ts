/**
 * `@abm-kit/audience/internal`: building blocks that other abm-kit packages share.
 * This subpath is unstable: names here may change or disappear in any release,
 * including a patch. Do not import it from application code; use `@abm-kit/audience`.
 * @packageDocumentation
 */
export { trimText } from "../definition/attribute.js";
export { RELATIONS, relatedTableName, relationTarget, type ContextKind } from "../definition/contexts.js";
export { resolveTimePoint, resolveWindow, type ResolvedWindow } from "../definition/resolve-time.js";
export { checkConditionDepth } from "../definition/condition-depth.js";
export type { NestingCheck } from "../definition/nesting.js";
export { referencedAudienceIds } from "../evaluate/references.js";
export { isAudienceResult } from "../evaluate/result.js";
export { checkMemberLists } from "../composition/composed-result.js";
