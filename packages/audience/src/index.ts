/**
 * `@abm-kit/audience`: audience definitions (JSON AST + typed builder), the
 * compiled batch evaluator, references between audiences, explain, preview,
 * composition and membership diff.
 * @packageDocumentation
 */

// Definitions: the JSON format of an audience, its schemas, validation and limits.
export {
  TimeUnitSchema,
  MAX_DURATION_AMOUNT,
  DurationSchema,
  TimePointSchema,
  WindowSchema,
  type TimeUnit,
  type Duration,
  type TimePoint,
  type Window,
} from "./definition/time.js";
export { ComparatorOpSchema, ComparatorSchema, type Comparator } from "./definition/comparator.js";
export {
  AttributeOpSchema,
  LiteralSchema,
  AttributeConditionSchema,
  type AttributeOp,
  type Literal,
  type AttributeCondition,
} from "./definition/attribute.js";
export {
  QuantifierSchema,
  AggregateFunctionSchema,
  AggregateSchema,
  RelationNameSchema,
  EventOwnerSchema,
  SequenceStepSchema,
  AndConditionSchema,
  OrConditionSchema,
  NotConditionSchema,
  RelatedConditionSchema,
  EventConditionSchema,
  SequenceConditionSchema,
  InAudienceConditionSchema,
  ConditionSchema,
  type Quantifier,
  type AggregateFunction,
  type Aggregate,
  type EventOwner,
  type SequenceStep,
  type Condition,
  type AndCondition,
  type OrCondition,
  type NotCondition,
  type RelatedCondition,
  type EventCondition,
  type SequenceCondition,
  type InAudienceCondition,
} from "./definition/condition.js";
export { AudienceTypeSchema, AudienceSchema, type AudienceType, type Audience, type AudienceInput } from "./definition/audience.js";
export { validateAudience } from "./definition/validate.js";
export { MAX_CONDITION_DEPTH } from "./definition/condition-depth.js";
export { MAX_REGEX_LENGTH, MAX_REGEX_REPEAT, regexPatternProblem } from "./definition/regex-pattern.js";
export { audienceJsonSchema } from "./definition/json-schema.js";

// Typed builder: the same JSON, written with functions.
export { duration, ago, ahead, at, last, span } from "./builder/time.js";
export { ComparatorBuilder } from "./builder/comparator.js";
export {
  attr,
  type TextOptions,
  type KnownField,
  type FieldName,
  type TimeValue,
  type TextAttribute,
  type NumberAttribute,
  type TimeAttribute,
  type BooleanAttribute,
  type MultiAttribute,
  type AnyAttribute,
} from "./builder/attribute.js";
export { and, or, not, inAudience } from "./builder/logical.js";
export { RelationBuilder, people, accounts, links, opportunities, opportunityRoles, campaignMembers, related, relation } from "./builder/relation.js";
export { WindowedEvents, EventsBuilder, SequenceBuilder, events, sequence, type EventOptions, type StepInput } from "./builder/events.js";
export { AudienceBuilder, audience, type AudienceOptions } from "./builder/audience.js";

// Batch evaluation, explain and preview.
export type { AudienceResult, AudienceMembers } from "./evaluate/result.js";
export { compileAudience, type CompileOptions, type CompiledAudience } from "./evaluate/compile.js";
export { evaluate, evaluateAll, type EvaluateOptions } from "./evaluate/evaluate.js";
export { preview, type AudiencePreview } from "./evaluate/preview.js";
export { explain, type ExplainNode, type Explanation } from "./evaluate/explain.js";

// Composition: set operations, splits, rank and enrich over member lists, and the composition format.
export type { MemberList, RankedMember, EnrichedMember, ComposedResult, ResultIdentity } from "./composition/composed-result.js";
export { union, intersect, exclude } from "./composition/set-operations.js";
export { splitByPercentage, type PercentageBranch, type PercentageSplitOptions } from "./composition/split-by-percentage.js";
export {
  splitByAttribute,
  type SplitValue,
  type AttributeBranch,
  type AttributeSplitOptions,
  type AttributeSplitResult,
} from "./composition/split-by-attribute.js";
export { priorityList, type PriorityTier } from "./composition/priority-list.js";
export {
  FieldValueSchema,
  MemberAggregateFunctionSchema,
  AggregateValueSchema,
  EventCountValueSchema,
  MemberValueSchema,
  type MemberAggregateFunction,
  type MemberValue,
} from "./composition/member-value.schema.js";
export { rank, type RankOptions } from "./composition/rank.js";
export { enrich } from "./composition/enrich.js";
export {
  AudienceRefNodeSchema,
  InlineAudienceNodeSchema,
  UnionNodeSchema,
  IntersectNodeSchema,
  ExcludeNodeSchema,
  RankNodeSchema,
  CompositionNodeSchema,
  PercentageSplitSchema,
  AttributeSplitSchema,
  PrioritySplitSchema,
  CompositionSplitSchema,
  EnrichAttributeSchema,
  CompositionSchema,
  compositionJsonSchema,
  type CompositionNode,
  type CompositionSplit,
  type EnrichAttribute,
  type Composition,
  type CompositionInput,
} from "./composition/composition.schema.js";
export { evaluateComposition, evaluateCompositions, type CompositionOptions } from "./composition/evaluate-composition.js";
export { MAX_COMPOSITION_DEPTH } from "./composition/composition-depth.js";

// Membership diff: who joined, stayed and left since the last run.
export {
  RememberedMemberSchema,
  MembershipStateSchema,
  membershipStateJsonSchema,
  type RememberedMember,
  type MembershipState,
} from "./diff/membership-state.js";
export { diffMembership, type MembershipStatus, type MemberStatus, type CurrentMembership, type MembershipDiff } from "./diff/diff-membership.js";

// Streaming: incremental evaluation of changes as they arrive.
export { StreamChangeSchema, type StreamChange, type StreamChangeInput } from "./streaming/stream-change.js";
export {
  streamingEligibility,
  MAX_STREAMING_RELATION_DEPTH,
  type EvaluationMode,
  type StreamingReason,
  type StreamingEligibility,
} from "./streaming/streaming-eligibility.js";
export type { MembershipCause, MembershipChange, MembershipDelta, StreamingEvaluatorEvents } from "./streaming/membership-change.js";
export type { ApplyOutcome, ApplyCounts } from "./streaming/apply-outcome.js";
export { createStreamingEvaluator, StreamingEvaluator, type StreamingEvaluatorOptions } from "./streaming/streaming-evaluator.js";
export { measureStreamingLatency, type MeasuredStep, type StreamingLatencyReport } from "./streaming/measure-latency.js";

// Error codes.
export { AUDIENCE_ERROR_CODES, type AudienceErrorCode } from "./error-codes.js";
