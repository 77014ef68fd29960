/** A record of a CSV text: its fields, the line it starts on and the line it ends on. */
export interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
  readonly endLine: number;
}

/** Why a record is not valid CSV. */
export type CsvFault = "quote_in_value" | "text_after_quote" | "quote_not_closed";

/** A record that is not valid CSV: the lines it takes, the (0-based) field the fault is in, and the fault. */
export interface MalformedCsvRecord {
  readonly line: number;
  readonly endLine: number;
  readonly field: number;
  readonly fault: CsvFault;
}

export interface CsvRecordHandlers {
  record(record: CsvRecord): void;
  malformed(record: MalformedCsvRecord): void;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const NOT_PLAIN = /[",\r\n]/g;
const QUOTE_OR_BREAK = /["\r\n]/g;
const BREAK = /[\r\n]/g;

/** At the start of a field. */
const FIELD_START = 0;
/** In a field that does not start with a quote. */
const PLAIN = 1;
/** In a quoted field. */
const QUOTED = 2;
/** Just after a quote in a quoted field: a doubled quote or the closing one. */
const QUOTE_IN_QUOTED = 3;
/** In a malformed record: everything up to the end of the line belongs to it. */
const SKIP = 4;
type State = typeof FIELD_START | typeof PLAIN | typeof QUOTED | typeof QUOTE_IN_QUOTED | typeof SKIP;

/**
 * Splits CSV text (RFC 4180: comma-separated, fields quoted with `"`, a quote
 * inside doubled) into records, fed in chunks. Lines end at LF, CRLF or a lone
 * CR; a line end inside a quoted field is kept as `\n`. Empty lines are skipped.
 *
 * A malformed record is reported once and reading goes on at the next line:
 * a quote inside a field that does not start with one (` "abc"`, `ab"c`) or text
 * after a closing quote (`"Sm"ith`) ends the record at the end of that line; a
 * quote never closed by the end of the text rejects the lines from the record's
 * start to the line the quote opened on, and the lines after it are read again.
 */
export class CsvRecordSplitter {
  private state: State = FIELD_START;
  private fields: string[] = [];
  private field = "";
  private line = 1;
  private recordLine = 1;
  private lastWasCr = false;
  private started = false;
  /** Where the open quoted field started, and its raw text so far (to read again if the quote is never closed). */
  private quoteLine = 1;
  private quotedRaw = "";
  private quotedFrom = 0;
  private fault: { field: number; fault: CsvFault } | undefined;

  constructor(private readonly handlers: CsvRecordHandlers) {}

  /** Reads the next chunk of text. */
  write(text: string): void {
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1; // a byte-order mark
    }
    this.quotedFrom = i;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.lastWasCr) {
        this.lastWasCr = false;
        if (c === LF) {
          i++; // the LF of a CRLF: the line end is counted already
          continue;
        }
      }
      switch (this.state) {
        case FIELD_START:
          if (this.fields.length === 0 && (c === CR || c === LF)) {
            this.lineBreak(c); // an empty line
            i++;
          } else if (c === QUOTE) {
            if (this.fields.length === 0) this.recordLine = this.line;
            this.state = QUOTED;
            this.quoteLine = this.line;
            this.quotedRaw = "";
            this.quotedFrom = i + 1;
            i++;
          } else {
            if (this.fields.length === 0) this.recordLine = this.line;
            this.state = PLAIN;
          }
          break;
        case PLAIN: {
          const j = find(NOT_PLAIN, text, i);
          this.field += text.slice(i, j);
          i = j;
          if (j === n) break;
          const d = text.charCodeAt(j);
          i++;
          if (d === COMMA) this.endField();
          else if (d === QUOTE) this.startSkip("quote_in_value");
          else this.endRecord(d);
          break;
        }
        case QUOTED: {
          const j = find(QUOTE_OR_BREAK, text, i);
          this.field += text.slice(i, j);
          i = j;
          if (j === n) break;
          const d = text.charCodeAt(j);
          i++;
          if (d === QUOTE) this.state = QUOTE_IN_QUOTED;
          else {
            this.field += "\n";
            this.lineBreak(d);
          }
          break;
        }
        case QUOTE_IN_QUOTED:
          if (c === QUOTE) {
            this.field += '"';
            this.state = QUOTED;
            i++;
          } else if (c === COMMA) {
            this.endField();
            i++;
          } else if (c === CR || c === LF) {
            this.endRecord(c);
            i++;
          } else this.startSkip("text_after_quote");
          break;
        case SKIP: {
          const j = find(BREAK, text, i);
          i = j;
          if (j === n) break;
          const d = text.charCodeAt(j);
          i++;
          this.endSkip(d);
          break;
        }
      }
    }
    if (this.state === QUOTED || this.state === QUOTE_IN_QUOTED) this.quotedRaw += text.slice(this.quotedFrom);
  }

  /** Ends the text: the last record, and any quote left open. */
  end(): void {
    for (;;) {
      switch (this.state) {
        case FIELD_START:
          if (this.fields.length > 0) this.endRecord(undefined);
          return;
        case PLAIN:
        case QUOTE_IN_QUOTED:
          this.endRecord(undefined);
          return;
        case SKIP:
          this.endSkip(undefined);
          return;
        case QUOTED: {
          // a quote never closed: reject up to the line it opened on, read the lines after it again
          const raw = this.quotedRaw;
          this.handlers.malformed({ line: this.recordLine, endLine: this.quoteLine, field: this.fields.length, fault: "quote_not_closed" });
          const lineEnd = raw.search(/[\r\n]/);
          const resumeLine = this.quoteLine + 1;
          this.reset();
          if (lineEnd === -1) return;
          this.line = resumeLine;
          this.lastWasCr = raw.charCodeAt(lineEnd) === CR;
          this.write(raw.slice(lineEnd + 1));
        }
      }
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = "";
    this.state = FIELD_START;
  }

  private endRecord(lineEnd: number | undefined): void {
    this.fields.push(this.field);
    this.handlers.record({ fields: this.fields, line: this.recordLine, endLine: this.line });
    this.reset();
    if (lineEnd !== undefined) this.lineBreak(lineEnd);
  }

  private startSkip(fault: CsvFault): void {
    this.fault = { field: this.fields.length, fault };
    this.state = SKIP;
  }

  private endSkip(lineEnd: number | undefined): void {
    this.handlers.malformed({ line: this.recordLine, endLine: this.line, ...this.fault! });
    this.reset();
    if (lineEnd !== undefined) this.lineBreak(lineEnd);
  }

  private reset(): void {
    this.fields = [];
    this.field = "";
    this.fault = undefined;
    this.quotedRaw = "";
    this.state = FIELD_START;
  }

  private lineBreak(c: number): void {
    this.line++;
    this.lastWasCr = c === CR;
  }
}

/** The index of the next match of a global pattern from `from`, or the text's length. */
function find(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  const m = pattern.exec(text);
  return m === null ? text.length : m.index;
}
