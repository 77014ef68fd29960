import type { SourceKey } from "../source-key.js";
import { growFloat64, growInt32, growUint8 } from "../snapshot/growable.js";
import { canonicalInstantMs } from "./canonical-instant.js";
import { isCertainlyValidEventRecord } from "./certain-event-record.js";
import { isPlainKey, isPlainOrigin, keyShapeText, NO_LINE, type EventChunk, type KeyShape, type PackedStrings } from "./event-chunk.js";
import type { EventSourceRecord } from "./identity-records.js";
import { identityKey } from "./identity-ref.js";

type Properties = NonNullable<EventSourceRecord["event"]["properties"]>;

/** The keys of an event, in the order the graph rebuilds them (`EventStore.record`). */
const EVENT_KEYS = ["id", "type", "occurredAt", "properties", "sourceKeys"];

/** True when the event's keys come in the order the store rebuilds them, so a rebuilt copy gives the same JSON. */
function inStoreOrder(event: object): boolean {
  let at = 0;
  for (const name in event) {
    while (at < EVENT_KEYS.length && EVENT_KEYS[at] !== name) at++;
    if (at === EVENT_KEYS.length) return false;
  }
  return true;
}

/** -0 does not come back from its JSON text (`0`): a record with one travels whole. */
const hasNegativeZero = (properties: Properties): boolean => {
  for (const name in properties) if (Object.is(properties[name], -0)) return true;
  return false;
};

/** True when a source key's id is its last key, as the store rebuilds it. */
function idLast(key: SourceKey): boolean {
  let last = "";
  for (const name in key) last = name;
  return last === "id";
}

class PackedStringsBuilder {
  private parts: string[] = [];
  private ends = growInt32(256);
  private length = 0;

  push(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    this.ends.push(this.length);
  }

  finish(): PackedStrings {
    const packed = { text: this.parts.join(""), ends: this.ends.finish() };
    this.parts = [];
    this.ends = growInt32(256);
    this.length = 0;
    return packed;
  }
}

/** Codes of strings local to one chunk, in order of first appearance. */
class LocalDictionary {
  private map = new Map<string, number>();

  /** The value's code; `added` hears a value's first appearance. */
  code(value: string, added: () => void): number {
    let code = this.map.get(value);
    if (code === undefined) {
      code = this.map.size;
      this.map.set(value, code);
      added();
    }
    return code;
  }

  reset(): void {
    this.map = new Map();
  }
}

/**
 * Packs event source records, in batch order, into {@link EventChunk}s: the
 * side of a worker thread that maps an export file. A record is packed into
 * columns only when the graph would take it as it is and give it back the
 * same (`EventStore.record`, and its JSON text for a later copy of its id);
 * any other record travels whole.
 */
export class EventChunkPacker {
  private rows = 0;
  private index = 0;
  private ids = new PackedStringsBuilder();
  private times = growFloat64();
  private timeTextRows = growInt32(16);
  private timeTexts: string[] = [];
  private typeDict = new LocalDictionary();
  private types: string[] = [];
  private typeCodes = growInt32();
  private ownerDict = new LocalDictionary();
  private ownerKeys = new PackedStringsBuilder();
  private ownerNamespaceLengths = growInt32();
  private ownerCodes = growInt32();
  private ownerIsAccount = growUint8();
  private propertyDict = new LocalDictionary();
  private propertySets = new PackedStringsBuilder();
  private propertyCodes = growInt32();
  private shapeDict = new LocalDictionary();
  private keyShapes: KeyShape[] = [];
  private keyShapeCodes = growInt32();
  private keyIdLengths = growInt32();
  private keyIdTextRows = growInt32(16);
  private keyIdTexts: string[] = [];
  private fileDict = new LocalDictionary();
  private files: string[] = [];
  private fileCodes = growInt32();
  private lines = growInt32();
  private records: { before: number; index: number; record: unknown }[] = [];

  /** The number of records added since the last `finish`. */
  get size(): number {
    return this.index;
  }

  /** Adds the next record of the batch's events. */
  add(input: unknown): void {
    const index = this.index++;
    if (!isCertainlyValidEventRecord(input)) {
      this.records.push({ before: this.rows, index, record: input });
      return;
    }
    const record = input as EventSourceRecord;
    const e = record.event;
    const keys = e.sourceKeys;
    const key = keys?.length === 1 ? keys[0]! : undefined;
    const origin = record.origin;
    if (
      !inStoreOrder(e) ||
      (keys !== undefined && (key === undefined || !isPlainKey(key) || !idLast(key))) ||
      (origin !== undefined && !isPlainOrigin(origin)) ||
      (e.properties !== undefined && hasNegativeZero(e.properties))
    ) {
      this.records.push({ before: this.rows, index, record: input });
      return;
    }
    const row = this.rows++;
    this.ids.push(e.id);
    const ms = canonicalInstantMs(e.occurredAt);
    this.times.push(ms);
    if (ms !== ms) {
      this.timeTextRows.push(row);
      this.timeTexts.push(e.occurredAt);
    }
    this.typeCodes.push(this.typeDict.code(e.type, () => this.types.push(e.type)));
    const owner = (record.person ?? record.account)!;
    const ownerKey = identityKey(owner);
    this.ownerCodes.push(
      this.ownerDict.code(ownerKey, () => {
        this.ownerKeys.push(ownerKey);
        this.ownerNamespaceLengths.push(owner.namespace.length);
      }),
    );
    this.ownerIsAccount.push(record.person === undefined ? 1 : 0);
    const properties = e.properties;
    if (properties === undefined) this.propertyCodes.push(-1);
    else {
      const text = JSON.stringify(properties);
      this.propertyCodes.push(this.propertyDict.code(text, () => this.propertySets.push(text)));
    }
    if (key === undefined) {
      this.keyShapeCodes.push(-1);
      this.keyIdLengths.push(-1);
    } else {
      const { id, ...shape } = key;
      this.keyShapeCodes.push(this.shapeDict.code(keyShapeText(shape), () => this.keyShapes.push(shape)));
      if (e.id.endsWith(id)) this.keyIdLengths.push(id.length);
      else {
        this.keyIdLengths.push(-1);
        this.keyIdTextRows.push(row);
        this.keyIdTexts.push(id);
      }
    }
    if (origin === undefined) {
      this.fileCodes.push(-1);
      this.lines.push(NO_LINE);
    } else {
      const file = origin.file;
      this.fileCodes.push(file === undefined ? 0 : this.fileDict.code(file, () => this.files.push(file)) + 1);
      this.lines.push(origin.line ?? NO_LINE);
    }
  }

  /** The chunk of the records added since the last `finish`; the packer starts a new one. */
  finish(): EventChunk {
    const chunk: EventChunk = {
      rows: this.rows,
      ids: this.ids.finish(),
      times: this.times.finish(),
      timeTextRows: this.timeTextRows.finish(),
      timeTexts: this.timeTexts,
      types: this.types,
      typeCodes: this.typeCodes.finish(),
      ownerKeys: this.ownerKeys.finish(),
      ownerNamespaceLengths: this.ownerNamespaceLengths.finish(),
      ownerCodes: this.ownerCodes.finish(),
      ownerIsAccount: this.ownerIsAccount.finish(),
      propertySets: this.propertySets.finish(),
      propertyCodes: this.propertyCodes.finish(),
      keyShapes: this.keyShapes,
      keyShapeCodes: this.keyShapeCodes.finish(),
      keyIdLengths: this.keyIdLengths.finish(),
      keyIdTextRows: this.keyIdTextRows.finish(),
      keyIdTexts: this.keyIdTexts,
      files: this.files,
      fileCodes: this.fileCodes.finish(),
      lines: this.lines.finish(),
      records: this.records,
    };
    this.rows = 0;
    this.index = 0;
    this.times = growFloat64();
    this.timeTextRows = growInt32(16);
    this.timeTexts = [];
    this.typeDict.reset();
    this.types = [];
    this.typeCodes = growInt32();
    this.ownerDict.reset();
    this.ownerNamespaceLengths = growInt32();
    this.ownerCodes = growInt32();
    this.ownerIsAccount = growUint8();
    this.propertyDict.reset();
    this.propertyCodes = growInt32();
    this.shapeDict.reset();
    this.keyShapes = [];
    this.keyShapeCodes = growInt32();
    this.keyIdLengths = growInt32();
    this.keyIdTextRows = growInt32(16);
    this.keyIdTexts = [];
    this.fileDict.reset();
    this.files = [];
    this.fileCodes = growInt32();
    this.lines = growInt32();
    this.records = [];
    return chunk;
  }
}
