import type { SourceKey } from "../source-key.js";
import { DictionaryBuilder } from "../snapshot/dictionary.js";
import type { EventColumns } from "../snapshot/event-columns.js";
import { growFloat64, growInt32, growUint8 } from "../snapshot/growable.js";
import { canonicalInstantMs } from "./canonical-instant.js";
import { isPlainKey, isPlainOrigin, keyMaker, keyShapeText, NO_LINE, packedString, type EventChunk, type KeyShape } from "./event-chunk.js";
import { StringIndex } from "../snapshot/string-index.js";
import type { EventSourceRecord, RecordOrigin } from "./identity-records.js";
import { identityKey, type IdentityRef } from "./identity-ref.js";

type Properties = NonNullable<EventSourceRecord["event"]["properties"]>;

/**
 * The events an identity graph was given, kept column by column instead of as
 * one object per event: ids, times and source-key ids as strings; types,
 * owners, files, property sets and source-key shapes as dictionary codes. A
 * Marketo activity export of millions of rows so costs a few strings per row.
 * Each event id is kept once here; later copies of an id (rare) are kept whole
 * in `copies`, for unification to choose among.
 */
export class EventStore {
  /** Event ids, one per row (row = entry of the index). */
  private readonly ids = StringIndex.empty();
  /** Times as epoch ms when the text is the canonical `YYYY-MM-DDTHH:MM:SS.sssZ` of that ms (the usual case: no string kept per row), else NaN. */
  private readonly times = growFloat64();
  /** The text of each time that is not canonical, by row. */
  private readonly timeTexts = new Map<number, string>();
  private readonly types = new DictionaryBuilder();
  private readonly typeCodes = growInt32();
  /** Owner identity keys (`namespace␟value`) and their refs. */
  private readonly owners = new DictionaryBuilder();
  private readonly ownerRefs: IdentityRef[] = [];
  private readonly ownerCodes = growInt32();
  /** 1 when the row's owner is an account. */
  private readonly ownerIsAccount = growUint8();
  private readonly propertySets = new Map<string, number>();
  private readonly propertyList: Properties[] = [];
  private readonly propertyCodes = growInt32();
  /** A source key without its id (`system/instance/object`), for rows with exactly one key. */
  private readonly keyShapes = new DictionaryBuilder();
  private readonly keyShapeList: Omit<SourceKey, "id">[] = [];
  /** Per source-key shape: makes the key of an id (`{ ...shape, id }`). */
  private readonly keyMakers: ((id: string) => SourceKey)[] = [];
  private readonly keyShapeCodes = growInt32();
  /**
   * Per row with a key shape, the length of its key id when the event id ends
   * with it (`marketo:1042` and `1042`: the usual case, no second string kept
   * per row), else -1 and the key id is in `keyIdTexts`.
   */
  private readonly keyIdLengths = growInt32();
  private readonly keyIdTexts = new Map<number, string>();
  /** Source keys of rows whose keys are not one plain key (or that have an empty list). */
  private readonly otherKeys = new Map<number, SourceKey[]>();
  private readonly files = new DictionaryBuilder();
  /** File code + 1 (0: no file), -1: no origin. */
  private readonly fileCodes = growInt32();
  private readonly lines = growInt32();
  /** Later records with an id already held, by id. */
  readonly copies = new Map<string, EventSourceRecord[]>();

  /** The number of rows (distinct event ids). */
  get size(): number {
    return this.times.length;
  }

  /** The number of distinct owner identities. */
  get ownerCount(): number {
    return this.owners.size;
  }

  /** Adds a validated event record. */
  add(record: EventSourceRecord): void {
    const e = record.event;
    if (!this.ids.addIfAbsent(e.id)) {
      const list = this.copies.get(e.id);
      if (list) list.push(record);
      else this.copies.set(e.id, [record]);
      return;
    }
    const row = this.times.length;
    const ms = canonicalInstantMs(e.occurredAt);
    this.times.push(ms);
    if (ms !== ms) this.timeTexts.set(row, e.occurredAt);
    this.typeCodes.push(this.types.code(e.type));
    const owner = (record.person ?? record.account)!;
    const ownerCode = this.owners.code(identityKey(owner));
    if (ownerCode === this.ownerRefs.length) this.ownerRefs.push({ namespace: owner.namespace, value: owner.value });
    this.ownerCodes.push(ownerCode);
    this.ownerIsAccount.push(record.person === undefined ? 1 : 0);
    this.propertyCodes.push(e.properties === undefined ? -1 : this.propertyCode(e.properties));
    const keys = e.sourceKeys;
    const key = keys?.length === 1 ? keys[0]! : undefined;
    if (key !== undefined && isPlainKey(key)) {
      const { id, ...shape } = key;
      this.keyShapeCodes.push(this.keyShapeCode(shape));
      if (e.id.endsWith(id)) this.keyIdLengths.push(id.length);
      else {
        this.keyIdLengths.push(-1);
        this.keyIdTexts.set(row, id);
      }
    } else {
      this.keyShapeCodes.push(-1);
      this.keyIdLengths.push(-1);
      if (keys !== undefined)
        this.otherKeys.set(
          row,
          keys.map((k) => ({ ...k })),
        );
    }
    const origin = record.origin;
    if (origin === undefined || !isPlainOrigin(origin)) {
      this.fileCodes.push(-1);
      this.lines.push(NO_LINE);
    } else {
      this.fileCodes.push(origin.file === undefined ? 0 : this.files.code(origin.file) + 1);
      this.lines.push(origin.line ?? NO_LINE);
    }
  }

  /**
   * Adds a chunk of event records given as columns (see {@link EventChunk}):
   * the same rows, copies and dictionaries as `add` for each record in turn.
   * Each chunk-local code is mapped to its dictionary code once, on its first
   * row. The records the chunk holds whole go to `addRecord`, each in its place.
   */
  addChunk(chunk: EventChunk, addRecord: (record: unknown, index: number) => void): void {
    const codes: ChunkCodes = {
      types: new Int32Array(chunk.types.length).fill(-1),
      owners: new Int32Array(chunk.ownerNamespaceLengths.length).fill(-1),
      properties: new Int32Array(chunk.propertySets.ends.length).fill(-1),
      shapes: new Int32Array(chunk.keyShapes.length).fill(-1),
      files: new Int32Array(chunk.files.length).fill(-1),
      timeText: 0,
      keyIdText: 0,
    };
    let from = 0;
    for (const { before, index, record } of chunk.records) {
      this.addChunkRows(chunk, from, before, codes);
      addRecord(record, index);
      from = before;
    }
    this.addChunkRows(chunk, from, chunk.rows, codes);
  }

  private addChunkRows(chunk: EventChunk, from: number, to: number, codes: ChunkCodes): void {
    const { ids, times, typeCodes, ownerCodes, ownerIsAccount, propertyCodes, keyShapeCodes, keyIdLengths, fileCodes, lines } = chunk;
    const idText = ids.text;
    const idEnds = ids.ends;
    for (let r = from; r < to; r++) {
      const ms = times[r]!;
      const timeText = ms !== ms ? chunk.timeTexts[codes.timeText++]! : undefined;
      const keyLength = keyIdLengths[r]!;
      const keyIdText = keyLength < 0 && keyShapeCodes[r]! >= 0 ? chunk.keyIdTexts[codes.keyIdText++]! : undefined;
      const id = idText.slice(r === 0 ? 0 : idEnds[r - 1]!, idEnds[r]!);
      if (!this.ids.addIfAbsent(id)) {
        const record = chunkRecord(chunk, r, id, timeText, keyIdText, codes);
        const list = this.copies.get(id);
        if (list) list.push(record);
        else this.copies.set(id, [record]);
        continue;
      }
      const row = this.times.length;
      this.times.push(ms);
      if (timeText !== undefined) this.timeTexts.set(row, timeText);
      const type = typeCodes[r]!;
      let typeCode = codes.types[type]!;
      if (typeCode < 0) typeCode = codes.types[type] = this.types.code(chunk.types[type]!);
      this.typeCodes.push(typeCode);
      const owner = ownerCodes[r]!;
      let ownerCode = codes.owners[owner]!;
      if (ownerCode < 0) ownerCode = codes.owners[owner] = this.ownerCodeOf(packedString(chunk.ownerKeys, owner), chunk.ownerNamespaceLengths[owner]!);
      this.ownerCodes.push(ownerCode);
      this.ownerIsAccount.push(ownerIsAccount[r]!);
      const set = propertyCodes[r]!;
      if (set < 0) this.propertyCodes.push(-1);
      else {
        let propertyCode = codes.properties[set]!;
        if (propertyCode < 0) propertyCode = codes.properties[set] = this.propertyCodeOfText(packedString(chunk.propertySets, set));
        this.propertyCodes.push(propertyCode);
      }
      const shape = keyShapeCodes[r]!;
      if (shape < 0) {
        this.keyShapeCodes.push(-1);
        this.keyIdLengths.push(-1);
      } else {
        let shapeCode = codes.shapes[shape]!;
        if (shapeCode < 0) shapeCode = codes.shapes[shape] = this.keyShapeCode(chunk.keyShapes[shape]!);
        this.keyShapeCodes.push(shapeCode);
        this.keyIdLengths.push(keyLength);
        if (keyIdText !== undefined) this.keyIdTexts.set(row, keyIdText);
      }
      const file = fileCodes[r]!;
      if (file <= 0) this.fileCodes.push(file);
      else {
        let fileCode = codes.files[file - 1]!;
        if (fileCode < 0) fileCode = codes.files[file - 1] = this.files.code(chunk.files[file - 1]!) + 1;
        this.fileCodes.push(fileCode);
      }
      this.lines.push(lines[r]!);
    }
  }

  /** The code of a property set given as its JSON text. */
  private propertyCodeOfText(text: string): number {
    let code = this.propertySets.get(text);
    if (code === undefined) {
      code = this.propertyList.length;
      this.propertySets.set(text, code);
      this.propertyList.push(JSON.parse(text) as Properties);
    }
    return code;
  }

  private keyShapeCode(shape: KeyShape): number {
    const code = this.keyShapes.code(keyShapeText(shape));
    if (code === this.keyShapeList.length) {
      this.keyShapeList.push(shape);
      this.keyMakers.push(keyMaker(shape));
    }
    return code;
  }

  private ownerCodeOf(key: string, namespaceLength: number): number {
    const code = this.owners.code(key);
    if (code === this.ownerRefs.length) this.ownerRefs.push({ namespace: key.slice(0, namespaceLength), value: key.slice(namespaceLength + 1) });
    return code;
  }

  private propertyCode(properties: Properties): number {
    const text = JSON.stringify(properties);
    let code = this.propertySets.get(text);
    if (code === undefined) {
      code = this.propertyList.length;
      this.propertySets.set(text, code);
      this.propertyList.push({ ...properties });
    }
    return code;
  }

  id(row: number): string {
    return this.ids.key(row);
  }

  occurredAtOf(row: number): string {
    const ms = this.times.get(row);
    return ms === ms ? new Date(ms).toISOString() : this.timeTexts.get(row)!;
  }

  type(row: number): string {
    return this.types.values[this.typeCodes.get(row)]!;
  }

  /** The owner-identity code of a row (see `ownerRef`). */
  ownerCode(row: number): number {
    return this.ownerCodes.get(row);
  }

  ownerRef(code: number): IdentityRef {
    return this.ownerRefs[code]!;
  }

  ownerIsAccountAt(row: number): boolean {
    return this.ownerIsAccount.get(row) === 1;
  }

  /** The row's properties (a set shared by every row with the same properties: do not change it). */
  properties(row: number): Properties | undefined {
    const code = this.propertyCodes.get(row);
    return code < 0 ? undefined : this.propertyList[code];
  }

  sourceKeys(row: number): SourceKey[] | undefined {
    const code = this.keyShapeCodes.get(row);
    if (code >= 0) return [this.keyMakers[code]!(this.keyId(row))];
    return this.otherKeys.get(row);
  }

  /** The key id of a row with a key shape. */
  private keyId(row: number): string {
    const length = this.keyIdLengths.get(row);
    if (length < 0) return this.keyIdTexts.get(row)!;
    const id = this.ids.key(row);
    return id.slice(id.length - length);
  }

  origin(row: number): RecordOrigin | undefined {
    const file = this.fileCodes.get(row);
    if (file < 0) return undefined;
    const line = this.lines.get(row);
    return { ...(file > 0 ? { file: this.files.values[file - 1]! } : {}), ...(line !== NO_LINE ? { line } : {}) };
  }

  /** The row as the record that was added (the first copy of its id). */
  record(row: number): EventSourceRecord {
    const properties = this.properties(row);
    const sourceKeys = this.sourceKeys(row);
    const owner = this.ownerRef(this.ownerCode(row));
    const origin = this.origin(row);
    return {
      event: {
        id: this.id(row),
        type: this.type(row),
        occurredAt: this.occurredAtOf(row),
        ...(properties ? { properties: { ...properties } } : {}),
        ...(sourceKeys ? { sourceKeys } : {}),
      },
      ...(this.ownerIsAccountAt(row) ? { account: { ...owner } } : { person: { ...owner } }),
      ...(origin ? { origin } : {}),
    };
  }

  /** The rows as columns (views: valid until the next `add`), all but the owners, which unification gives. */
  columns(): Omit<EventColumns, "ownerCodes" | "owners" | "event"> {
    return {
      id: (row) => this.ids.key(row),
      times: this.times.view(),
      occurredAtText: (row) => this.timeTexts.get(row)!,
      typeCodes: this.typeCodes.view(),
      types: this.types.values,
      ownerIsAccount: this.ownerIsAccount.view(),
      propertyCodes: this.propertyCodes.view(),
      propertySets: this.propertyList,
      keyShapeCodes: this.keyShapeCodes.view(),
      keyPrefixes: this.keyShapeList.map((shape) => `${shape.system}/${shape.instance ?? "-"}/${shape.object ?? "-"}/`),
      keyId: (row) => this.keyId(row),
      otherSourceKeys: (row) => this.otherKeys.get(row),
    };
  }

  /** The row of an event id, or -1. */
  rowOf(id: string): number {
    return this.ids.find(id);
  }
}

/** Per chunk: its local codes mapped to the store's (-1: not yet), and how far its sparse lists are read. */
interface ChunkCodes {
  readonly types: Int32Array;
  readonly owners: Int32Array;
  readonly properties: Int32Array;
  readonly shapes: Int32Array;
  readonly files: Int32Array;
  timeText: number;
  keyIdText: number;
}

/** Row `r` of a chunk as the record it was packed from (for a later copy of an id, kept whole). */
function chunkRecord(
  chunk: EventChunk,
  r: number,
  id: string,
  timeText: string | undefined,
  keyIdText: string | undefined,
  codes: ChunkCodes,
): EventSourceRecord {
  const ms = chunk.times[r]!;
  const set = chunk.propertyCodes[r]!;
  const properties = set < 0 ? undefined : (JSON.parse(packedString(chunk.propertySets, set)) as Properties);
  const shape = chunk.keyShapeCodes[r]!;
  const keyLength = chunk.keyIdLengths[r]!;
  const sourceKeys = shape < 0 ? undefined : [keyMaker(chunk.keyShapes[shape]!)(keyIdText ?? id.slice(id.length - keyLength))];
  const owner = chunk.ownerCodes[r]!;
  const key = packedString(chunk.ownerKeys, owner);
  const length = chunk.ownerNamespaceLengths[owner]!;
  const ref = { namespace: key.slice(0, length), value: key.slice(length + 1) };
  const file = chunk.fileCodes[r]!;
  const line = chunk.lines[r]!;
  return {
    event: {
      id,
      type: chunk.types[chunk.typeCodes[r]!]!,
      occurredAt: timeText ?? new Date(ms).toISOString(),
      ...(properties ? { properties } : {}),
      ...(sourceKeys ? { sourceKeys } : {}),
    },
    ...(chunk.ownerIsAccount[r] === 1 ? { account: ref } : { person: ref }),
    ...(file >= 0 ? { origin: { ...(file > 0 ? { file: chunk.files[file - 1]! } : {}), ...(line !== NO_LINE ? { line } : {}) } } : {}),
  };
}
