import {
  createStreamingEvaluator,
  measureStreamingLatency,
  streamingEligibility,
  type Audience,
  type MeasuredStep,
  type StreamingLatencyReport,
} from "@abm-kit/audience";
import type { Snapshot } from "@abm-kit/core";
import { BENCH_NOW, type SyntheticDataset } from "./dataset.js";
import { collectGarbage } from "./measure.js";
import { Random } from "./random.js";

const NOW = Date.parse(BENCH_NOW);
const DAY = 86_400_000;
const TYPES = ["Visit Webpage", "Visit Webpage", "Open Email", "Click Email", "Fill Out Form", "Click Link"];
const PAGES = ["/pricing", "/product", "/docs", "/demo"];

/** What the streaming figure measured: the pass of median throughput, and every pass's throughput. */
export interface StreamingFigure extends StreamingLatencyReport {
  readonly audiences: readonly string[];
  readonly seedMs: number;
  /** Events per second of each pass, in the order run. */
  readonly passes: readonly number[];
}

/**
 * Streams `count` new events into a streaming evaluator seeded from the
 * Snapshot, with every seed audience that can stream: events arrive in time
 * order (5% late by up to 20 days, 1% repeated), the clock moving 10 ms per
 * event and advancing the evaluator every 1,000 events. The same stream is
 * run `passes` times, each into a freshly seeded evaluator; the figure is the
 * pass of median throughput (one pass on a shared machine can be off by a
 * fifth either way). A full collection runs between seeding and streaming,
 * as in a long-running service, so a pass does not pay for collecting the
 * seeding's garbage or an earlier pass's evaluator.
 */
export function measureStreaming(
  seedAudiences: readonly Audience[],
  snapshot: Snapshot,
  data: SyntheticDataset,
  count: number,
  clock: () => number,
  passes = 5,
): StreamingFigure {
  const figures = Array.from({ length: Math.max(1, passes) }, () => measureStreamingPass(seedAudiences, snapshot, data, count, clock));
  const byRate = [...figures].sort((a, b) => a.changesPerSecond - b.changesPerSecond);
  return { ...byRate[Math.floor((byRate.length - 1) / 2)]!, passes: figures.map((f) => f.changesPerSecond) };
}

function measureStreamingPass(
  seedAudiences: readonly Audience[],
  snapshot: Snapshot,
  data: SyntheticDataset,
  count: number,
  clock: () => number,
): Omit<StreamingFigure, "passes"> {
  const audiences = seedAudiences.filter((a) => streamingEligibility(a, { audiences: seedAudiences }).mode === "streaming");
  const seedStart = clock();
  const evaluator = createStreamingEvaluator(snapshot, audiences, { now: NOW });
  const seedMs = clock() - seedStart;
  collectGarbage();
  const random = new Random(7);
  function* steps(): Generator<MeasuredStep> {
    let time = NOW;
    let evaluatorNow = NOW;
    for (let i = 0; i < count; i++) {
      time += 10;
      if (i % 1000 === 999) {
        evaluatorNow = time;
        yield { advanceTo: time };
      }
      const late = random.chance(0.05);
      const id = i > 0 && random.chance(0.01) ? `new-${random.int(i)}` : `new-${i}`;
      const occurredAt = new Date(late ? evaluatorNow - random.int(20 * DAY) : evaluatorNow).toISOString();
      yield {
        change: {
          kind: "event",
          record: {
            id,
            type: random.pick(TYPES),
            occurredAt,
            personId: data.personId(random.int(data.personCount)),
            properties: { webpage: random.pick(PAGES) },
          },
        },
      };
    }
  }
  const report = measureStreamingLatency(evaluator, steps(), { clock });
  return { ...report, audiences: audiences.map((a) => a.id), seedMs };
}
