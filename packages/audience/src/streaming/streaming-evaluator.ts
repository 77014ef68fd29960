import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError, epochMsToInstant, problemsFromZod, type Problem, type Snapshot } from "@abm-kit/core";
import { EventEmitter } from "eventemitter3";
import type { Audience, AudienceInput } from "../definition/audience.js";
import { validateAudience } from "../definition/validate.js";
import { compileAudience } from "../evaluate/compile.js";
import { parseNow, type NowInput } from "../evaluate/now.js";
import { booleanOption, listOption } from "../evaluate/options.js";
import { dependencyOrder as orderByDependencies } from "../evaluate/dependency-order.js";
import { referencedAudienceIds } from "../evaluate/references.js";
import type { ApplyCounts, ApplyOutcome } from "./apply-outcome.js";
import type { MembershipCause, MembershipChange, StreamingEvaluatorEvents } from "./membership-change.js";
import { compileRowProgram, type PathStep, type ReadPosition, type RowContext, type RowProgram, type SharedCounters } from "./row-program.js";
import type { ContextKind } from "../definition/contexts.js";
import { certainEventRecord } from "./certain-event-change.js";
import { isEventMonotone } from "./event-monotone.js";
import { LiveData, type ParseOutcome, type Touch } from "./store/live-data.js";
import { PendingRows } from "./pending-rows.js";
import { RowFlags } from "./store/row-flags.js";
import { RowNumbers } from "./store/row-numbers.js";
import { StreamChangeSchema, type StreamChangeInput } from "./stream-change.js";
import { streamingEligibility } from "./streaming-eligibility.js";
import { TimerHeap } from "./timer-heap.js";

/** Options of {@link createStreamingEvaluator}. */
export interface StreamingEvaluatorOptions {
  /** The starting moment; later moments come through `advanceTo`. */
  readonly now: NowInput;
  /** Make unknown fields errors instead of missing values (default false). */
  readonly strict?: boolean;
}

/** One audience inside the evaluator. */
interface LiveAudience {
  readonly definition: Audience;
  readonly program: RowProgram;
  /** Read positions by the kind of row read, then by what is read there. */
  readonly positionsByTouch: ReadonlyMap<string, ReadonlyMap<string, readonly ReadPosition[]>>;
  readonly members: RowFlags;
  /** Whether a new event can only add members (members are then not re-evaluated for it). */
  readonly eventMonotone: boolean;
  /** Per member row, its scheduled wake-up (Infinity: none). */
  readonly wakeAt: RowNumbers;
}

/**
 * Creates a streaming evaluator: seeded from a Snapshot and a set of
 * audiences (each must classify as streaming; referenced audiences must be in
 * the set), it keeps their members up to date as changes are applied and
 * time advances, emitting `entered` / `exited` per member and a `delta` per
 * audience and step. Its membership equals batch `evaluate` over the same
 * data at the same `now`.
 */
export function createStreamingEvaluator(snapshot: Snapshot, audiences: Iterable<AudienceInput>, options: StreamingEvaluatorOptions): StreamingEvaluator {
  return new StreamingEvaluator(snapshot, audiences, options);
}

/** Keeps audience memberships up to date per change; see {@link createStreamingEvaluator}. */
export class StreamingEvaluator extends EventEmitter<StreamingEvaluatorEvents> {
  private nowMs: number;
  private readonly data: LiveData;
  private readonly ordered: LiveAudience[];
  private readonly byId = new Map<string, LiveAudience>();
  private readonly heap = new TimerHeap();
  private readonly context: RowContext;
  private readonly popped = { time: 0, audience: 0, row: 0 };
  /** Per audience, the members to re-evaluate in the current step (reused between steps). */
  private readonly pending: PendingRows[];
  private busy = false;
  private nowText = { ms: Number.NaN, text: "" };
  private readonly flipped: number[] = [];
  /** The last one-step path followed backwards while collecting an event's readers. */
  private readonly lastFollow: FollowMemo = { step: undefined, row: -1, sources: [] };
  /** The moment of the event change being applied, read while it is checked. */
  private readonly eventTime = { ms: Number.NaN };
  /** Per owner kind, the audiences reading events there and where (the event-touch lookup, built once). */
  private readonly eventReaders = new Map<ContextKind, AudienceReads[]>();
  /** Per audience (in order), the later audiences reading its membership and where (built once). */
  private readonly memberReaders: AudienceReads[][];

  constructor(snapshot: Snapshot, audiences: Iterable<AudienceInput>, options: StreamingEvaluatorOptions) {
    super();
    this.nowMs = parseNow(options?.now);
    const strict = booleanOption(options.strict, ["strict"]);
    const definitions = validateAll(listOption(audiences, ["audiences"]));
    const order = dependencyOrder(definitions);
    const notStreamable: Problem[] = [];
    definitions.forEach((definition, i) => {
      // every referenced audience is in the set and checked itself, so each is classified on its own
      const verdict = streamingEligibility(definition);
      for (const r of verdict.reasons)
        if (r.blocking) notStreamable.push({ path: ["audiences", i, ...r.path], message: `${definition.id}: ${r.message}`, code: r.code });
    });
    if (notStreamable.length > 0) {
      throw new AbmKitError<AudienceErrorCode>(
        "AUDIENCE_NOT_STREAMABLE",
        `${notStreamable.length} condition(s) cannot stream; evaluate those audiences in batch`,
        notStreamable,
      );
    }
    const referenceTypes = new Map(definitions.map((d) => [d.id, d.type] as const));
    for (const definition of definitions) compileAudience(definition, snapshot, { referenceTypes, strict });
    this.data = new LiveData(snapshot);
    const byId = this.byId;
    this.context = {
      data: this.data,
      now: this.nowMs,
      sink: { next: Number.POSITIVE_INFINITY },
      isMember: (id, row) => byId.get(id)?.members.has(row) ?? false,
    };
    const shared: SharedCounters = new Map();
    this.ordered = order.map((definition) => {
      const program = compileRowProgram(definition, this.data, this.context, shared);
      const positionsByTouch = new Map<string, Map<string, ReadPosition[]>>();
      for (const p of program.positions) {
        let byAspect = positionsByTouch.get(p.kind);
        if (byAspect === undefined) positionsByTouch.set(p.kind, (byAspect = new Map()));
        byAspect.set(p.aspect, [...(byAspect.get(p.aspect) ?? []), p]);
      }
      const live: LiveAudience = {
        definition,
        program,
        positionsByTouch,
        members: new RowFlags(),
        eventMonotone: isEventMonotone(definition.condition),
        wakeAt: new RowNumbers(Number.POSITIVE_INFINITY),
      };
      this.byId.set(definition.id, live);
      return live;
    });
    this.pending = this.ordered.map(() => new PendingRows());
    for (const kind of ["person", "account"] as const) {
      const readers: AudienceReads[] = [];
      this.ordered.forEach((audience, i) => {
        const positions = audience.positionsByTouch.get(kind)?.get("events");
        if (positions !== undefined) readers.push({ audience: i, positions });
      });
      this.eventReaders.set(kind, readers);
    }
    this.memberReaders = this.ordered.map(({ definition }, index) => {
      const readers: AudienceReads[] = [];
      for (let later = index + 1; later < this.ordered.length; later++) {
        const positions = this.ordered[later]!.positionsByTouch.get(definition.type)?.get(`member:${definition.id}`);
        if (positions !== undefined) readers.push({ audience: later, positions });
      }
      return readers;
    });
    this.seed();
  }

  /**
   * Evaluates every member of every audience: level by level of references
   * (an audience after those it references), and within a level row by row
   * across the audiences of a type, so audiences sharing a counter read it
   * while it is fresh.
   */
  private seed(): void {
    // `ordered` lists each audience after those it references, so their levels are known first
    const level = new Map<string, number>();
    const levelOf = (audience: Audience): number => {
      const known = level.get(audience.id);
      if (known !== undefined) return known;
      let deepest = 0;
      for (const ref of referencedAudienceIds(audience)) deepest = Math.max(deepest, level.get(ref)! + 1);
      level.set(audience.id, deepest);
      return deepest;
    };
    const groups = new Map<string, { readonly level: number; readonly rows: number; readonly indexes: number[] }>();
    this.ordered.forEach((audience, index) => {
      const { type } = audience.definition;
      const level = levelOf(audience.definition);
      const key = `${level}:${type}`;
      let group = groups.get(key);
      if (group === undefined) groups.set(key, (group = { level, rows: type === "account" ? this.data.accounts.size : this.data.persons.size, indexes: [] }));
      group.indexes.push(index);
    });
    for (const { rows, indexes } of [...groups.values()].sort((a, b) => a.level - b.level)) {
      for (let row = 0; row < rows; row++) for (const index of indexes) this.evaluateRow(index, row);
    }
  }

  /** The current moment (ISO instant). */
  get now(): string {
    if (this.nowText.ms !== this.nowMs) this.nowText = { ms: this.nowMs, text: epochMsToInstant(this.nowMs) };
    return this.nowText.text;
  }

  /** The ids of the audiences, in evaluation (dependency) order. */
  audienceIds(): string[] {
    return this.ordered.map((a) => a.definition.id);
  }

  /** The current members of an audience: entity ids in ascending code-unit order. */
  members(audienceId: string): string[] {
    const audience = this.audience(audienceId);
    const table = audience.definition.type === "account" ? this.data.accounts : this.data.persons;
    return audience.members
      .rows()
      .map((row) => table.id(row))
      .sort(compareIds);
  }

  /** Whether an entity is currently a member of an audience. */
  isMember(audienceId: string, memberId: string): boolean {
    const audience = this.audience(audienceId);
    const row = (audience.definition.type === "account" ? this.data.accounts : this.data.persons).indexOf(memberId);
    return row >= 0 && audience.members.has(row);
  }

  /** How many member wake-ups are scheduled (stale entries included). */
  get scheduledWakeUps(): number {
    return this.heap.size;
  }

  /**
   * Applies one change at the current `now`: validates it (a bad change is
   * `rejected` with its problems and changes nothing; an event id seen before
   * is a `duplicate`), updates the data, re-evaluates only the members it can
   * affect, and emits their entries and exits.
   */
  apply(change: StreamChangeInput): ApplyOutcome {
    const event = certainEventRecord(change, this.eventTime);
    let parsed: ParseOutcome;
    if (event !== undefined) parsed = this.data.parseValidEvent(event, this.eventTime.ms);
    else {
      const shape = StreamChangeSchema.safeParse(change);
      if (!shape.success) return { status: "rejected", problems: problemsFromZod(shape.error), entered: 0, exited: 0, reevaluated: 0 };
      parsed = this.data.parse(shape.data);
    }
    if (!parsed.ok) {
      const duplicate = parsed.problems.some((p) => p.code === "duplicate_id");
      return { status: duplicate ? "duplicate" : "rejected", problems: duplicate ? [] : parsed.problems, entered: 0, exited: 0, reevaluated: 0 };
    }
    const pending = this.takePending();
    const committed = parsed.change;
    if (committed.kind === "event") {
      this.data.commit(committed);
      this.collectEventRoots(committed.ownerKind, committed.owner, committed.event.type, pending);
    } else {
      this.collectRoots(this.data.touches(committed), pending);
      this.data.commit(committed);
      this.collectRoots(this.data.touches(committed), pending);
    }
    const { entered, exited, reevaluated } = this.process(pending, "change");
    return { status: "applied", problems: NO_PROBLEMS, entered, exited, reevaluated };
  }

  /** Applies changes in order; counts what was read, applied, duplicate and rejected. */
  applyAll(changes: Iterable<StreamChangeInput>): ApplyCounts {
    const counts: ApplyCounts = { read: 0, applied: 0, duplicates: 0, rejected: 0, problems: [] };
    for (const change of changes) {
      const index = counts.read++;
      const outcome = this.apply(change);
      if (outcome.status === "applied") counts.applied++;
      else if (outcome.status === "duplicate") counts.duplicates++;
      else {
        counts.rejected++;
        for (const p of outcome.problems) counts.problems.push({ ...p, path: [index, ...p.path] });
      }
    }
    return counts;
  }

  /**
   * Moves time forward to `now`: members whose windows opened or closed in
   * between are re-evaluated at `now` (only the net change is emitted). Time
   * never goes backwards (`TIME_WENT_BACKWARDS`).
   */
  advanceTo(now: NowInput): { entered: number; exited: number; reevaluated: number } {
    const ms = parseNow(now);
    if (ms < this.nowMs) {
      throw new AbmKitError<AudienceErrorCode>("TIME_WENT_BACKWARDS", `cannot move from ${this.now} back to ${epochMsToInstant(ms)}`, [
        { path: ["now"], message: "earlier than the evaluator's current time", code: "time_went_backwards" },
      ]);
    }
    this.nowMs = ms;
    this.context.now = ms;
    const pending = this.takePending();
    const entry = this.popped;
    while (this.heap.peekTime() <= ms && this.heap.pop(entry)) {
      const audience = this.ordered[entry.audience]!;
      if (audience.wakeAt.get(entry.row) === entry.time) {
        audience.wakeAt.set(entry.row, Number.POSITIVE_INFINITY);
        pending[entry.audience]!.add(entry.row);
      }
    }
    return this.process(pending, "time");
  }

  private audience(audienceId: string): LiveAudience {
    const audience = this.byId.get(audienceId);
    if (audience === undefined) {
      throw new AbmKitError<AudienceErrorCode>("UNKNOWN_AUDIENCE", `audience ${JSON.stringify(audienceId)} is not in this streaming evaluator`, [
        { path: ["audienceId"], message: "unknown audience", code: "unknown_audience" },
      ]);
    }
    return audience;
  }

  /** The reusable per-audience pending sets (fresh ones when a listener applies a change from inside a step). */
  private takePending(): PendingRows[] {
    return this.busy ? this.ordered.map(() => new PendingRows()) : this.pending;
  }

  /** Adds, per audience, the members whose evaluation reads what the touches changed. */
  private collectRoots(touches: readonly Touch[], pending: PendingRows[], after = -1): void {
    for (let i = after + 1; i < this.ordered.length; i++) {
      const audience = this.ordered[i]!;
      for (const touch of touches) {
        const positions = audience.positionsByTouch.get(touch.kind)?.get(touch.aspect);
        if (positions === undefined) continue;
        for (const position of positions) this.walkBack(position, touch.row, pending[i]!);
      }
    }
  }

  /**
   * Adds, per audience, the members whose evaluation reads events of `type`
   * of one owner; an audience that a new event can only grow skips its
   * current members.
   */
  private collectEventRoots(kind: ContextKind, owner: number, type: string, pending: PendingRows[]): void {
    const readers = this.eventReaders.get(kind);
    if (readers === undefined) return;
    this.lastFollow.step = undefined;
    for (let r = 0; r < readers.length; r++) {
      const { audience, positions } = readers[r]!;
      const live = this.ordered[audience]!;
      const skip = live.eventMonotone ? live.members : undefined;
      for (let k = 0; k < positions.length; k++) {
        const position = positions[k]!;
        if (position.types === undefined || position.types.has(type)) this.walkBack(position, owner, pending[audience]!, skip, this.lastFollow);
      }
    }
  }

  /**
   * The members that reach `row` along `position.path`, by following it
   * backwards (except those in `skip`). A one-step path is followed through
   * `memo` when given: audiences that read the same relation from the same
   * row (while the data does not change) follow it once.
   */
  private walkBack(position: ReadPosition, row: number, into: PendingRows, skip?: RowFlags, memo?: FollowMemo): void {
    const path = position.path;
    if (path.length === 0) {
      if (skip === undefined || !skip.has(row)) into.add(row);
      return;
    }
    if (path.length === 1) {
      const step = path[0]!;
      let sources: ArrayLike<number>;
      if (memo === undefined) sources = this.data.follow(step.from, step.relation, row, true);
      else if (memo.step !== undefined && memo.row === row && memo.step.from === step.from && memo.step.relation === step.relation) sources = memo.sources;
      else {
        sources = this.data.follow(step.from, step.relation, row, true);
        memo.step = step;
        memo.row = row;
        memo.sources = sources;
      }
      for (let j = 0; j < sources.length; j++) if (skip === undefined || !skip.has(sources[j]!)) into.add(sources[j]!);
      return;
    }
    let rows: ArrayLike<number> = [row];
    for (let s = position.path.length - 1; s >= 0; s--) {
      const step = position.path[s]!;
      const next = new Set<number>();
      for (let k = 0; k < rows.length; k++) {
        const sources = this.data.follow(step.from, step.relation, rows[k]!, true);
        for (let j = 0; j < sources.length; j++) next.add(sources[j]!);
      }
      rows = [...next];
      if (rows.length === 0) return;
    }
    for (let k = 0; k < rows.length; k++) if (skip === undefined || !skip.has(rows[k]!)) into.add(rows[k]!);
  }

  /** Re-evaluates pending members audience by audience (dependencies first) and emits what changed. */
  private process(pending: PendingRows[], cause: MembershipCause): { entered: number; exited: number; reevaluated: number } {
    const reused = pending === this.pending;
    if (reused) this.busy = true;
    try {
      return this.evaluatePending(pending, cause);
    } finally {
      if (reused) {
        for (let i = 0; i < pending.length; i++) pending[i]!.clear();
        this.busy = false;
      }
    }
  }

  private evaluatePending(pending: PendingRows[], cause: MembershipCause): { entered: number; exited: number; reevaluated: number } {
    let entered = 0;
    let exited = 0;
    let reevaluated = 0;
    const flipped = this.flipped;
    for (let i = 0; i < this.ordered.length; i++) {
      const rows = pending[i]!;
      if (rows.size === 0) continue;
      if (flipped.length !== 0) flipped.length = 0;
      for (let k = 0; k < rows.size; k++) {
        const row = rows.at(k);
        reevaluated++;
        if (this.evaluateRow(i, row)) flipped.push(row);
      }
      if (flipped.length === 0) continue;
      const emitted = this.emitFlipped(i, flipped, pending, cause);
      entered += emitted.entered;
      exited += emitted.exited;
    }
    return { entered, exited, reevaluated };
  }

  /**
   * Emits the entries and exits of audience `index`'s flipped members and
   * marks the members of later audiences that read its membership. (Kept
   * apart from the loop above: its closures would otherwise make every call
   * of that loop allocate.)
   */
  private emitFlipped(index: number, flipped: readonly number[], pending: PendingRows[], cause: MembershipCause): { entered: number; exited: number } {
    const audience = this.ordered[index]!;
    const at = this.now;
    const { id, name, type } = audience.definition;
    const table = type === "account" ? this.data.accounts : this.data.persons;
    const ins: string[] = [];
    const outs: string[] = [];
    for (const row of flipped) (audience.members.has(row) ? ins : outs).push(table.id(row));
    ins.sort(compareIds);
    outs.sort(compareIds);
    // later audiences that read this membership
    for (const { audience: later, positions } of this.memberReaders[index]!) {
      for (const row of flipped) for (const position of positions) this.walkBack(position, row, pending[later]!);
    }
    const change = (memberId: string): MembershipChange => ({ audienceId: id, audienceName: name, type, memberId, at, cause });
    for (const memberId of ins) this.emit("entered", change(memberId));
    for (const memberId of outs) this.emit("exited", change(memberId));
    this.emit("delta", { audienceId: id, audienceName: name, type, at, cause, entered: ins, exited: outs });
    return { entered: ins.length, exited: outs.length };
  }

  /** Evaluates one member now and reschedules its wake-up; true when its membership flipped. */
  private evaluateRow(index: number, row: number): boolean {
    const audience = this.ordered[index]!;
    const ctx = this.context;
    ctx.sink.next = Number.POSITIVE_INFINITY;
    const holds = audience.program.evaluate(ctx, row);
    const wake = ctx.sink.next;
    const scheduled = audience.wakeAt.get(row);
    if (wake !== scheduled) {
      audience.wakeAt.set(row, wake);
      if (wake !== Number.POSITIVE_INFINITY) this.heap.push(wake, index, row);
    }
    const was = audience.members.has(row);
    if (holds === was) return false;
    if (holds) audience.members.add(row);
    else audience.members.delete(row);
    return true;
  }
}

const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

/** An audience (by its place in evaluation order) and where it reads something. */
interface AudienceReads {
  readonly audience: number;
  readonly positions: readonly ReadPosition[];
}

/** A relation step followed backwards from a row, and the rows it reached. */
interface FollowMemo {
  step: PathStep | undefined;
  row: number;
  sources: ArrayLike<number>;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function validateAll(audiences: Iterable<unknown>): Audience[] {
  const out: Audience[] = [];
  const ids = new Set<string>();
  let i = 0;
  for (const entry of audiences) {
    let audience: Audience;
    try {
      audience = validateAudience(entry);
    } catch (error) {
      if (error instanceof AbmKitError)
        throw new AbmKitError(
          error.code,
          `audiences[${i}]: ${error.message}`,
          error.problems.map((p) => ({ ...p, path: ["audiences", i, ...p.path] })),
        );
      throw error;
    }
    if (ids.has(audience.id))
      throw new AbmKitError<AudienceErrorCode>("DUPLICATE_AUDIENCE", `audience id ${JSON.stringify(audience.id)} is given twice`, [
        { path: ["audiences", i, "id"], message: "duplicate audience id" },
      ]);
    ids.add(audience.id);
    out.push(audience);
    i++;
  }
  return out;
}

/** The audiences ordered so that each comes after the ones it references; unknown references and cycles are errors. */
function dependencyOrder(audiences: readonly Audience[]): Audience[] {
  const byId = new Map(audiences.map((a) => [a.id, a] as const));
  const order = orderByDependencies(
    audiences.map((a) => a.id),
    (id, from) => {
      const audience = byId.get(id);
      if (audience === undefined) {
        throw new AbmKitError<AudienceErrorCode>(
          "UNKNOWN_AUDIENCE_REFERENCE",
          `audience ${JSON.stringify(id)} (referenced by ${JSON.stringify(from)}) is not in the streaming set`,
          [{ path: [], message: `unknown audience ${id}`, code: "unknown_reference" }],
        );
      }
      return referencedAudienceIds(audience);
    },
    (cycle) => {
      const text = cycle.join(" → ");
      throw new AbmKitError<AudienceErrorCode>("AUDIENCE_REFERENCE_CYCLE", `audience references form a cycle: ${text}`, [
        { path: [], message: text, code: "cycle" },
      ]);
    },
  );
  return order.map((id) => byId.get(id)!);
}
