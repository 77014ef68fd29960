/**
 * `@abm-kit/core/internal`: building blocks that other abm-kit packages share.
 * This subpath is unstable: names here may change or disappear in any release,
 * including a patch. Do not import it from application code; use `@abm-kit/core`.
 * @packageDocumentation
 */
export { buildAdjacency, invertAdjacency } from "../snapshot/adjacency.js";
export { DictionaryBuilder } from "../snapshot/dictionary.js";
export { lowerBound, upperBound } from "../snapshot/sorted-search.js";
export { hashString, StringIndex, type StringIndexOptions } from "../snapshot/string-index.js";
export { ClusterIndex, type OverCapValue, type ClusterMerge } from "../identity/cluster-index.js";
export { UnionFind } from "../identity/union-find.js";
export { orderCandidates, mergeCandidateValues, mergeSourceKeys, type MergeCandidate } from "../identity/merge-values.js";
export { EventChunkPacker } from "../identity/event-chunk-packer.js";
export { eventChunkBuffers, type EventChunk, type PackedStrings, type KeyShape } from "../identity/event-chunk.js";
