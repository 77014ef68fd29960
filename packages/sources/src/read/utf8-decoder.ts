import { isUtf8 } from "node:buffer";

const LF = 0x0a;
const CR = 0x0d;
const EMPTY = Buffer.alloc(0);

/**
 * Decodes UTF-8 bytes chunk by chunk (a character split between two chunks is
 * joined) and notes each line that holds bytes which are not UTF-8; those bytes
 * decode to U+FFFD, as in any UTF-8 decoder. Lines end at LF, CRLF or a lone CR,
 * the same line ends the CSV reader counts, so line numbers agree.
 */
export class Utf8Decoder {
  /** The 1-based lines holding invalid bytes, ascending, each once. */
  readonly invalidLines: number[] = [];
  private line = 1;
  private lastWasCr = false;
  /** The start of a character cut off at the end of the previous chunk. */
  private tail: Buffer = EMPTY;

  /** The text of the next chunk (without a character it ends in the middle of: that comes with the next chunk). */
  decode(chunk: Uint8Array): string {
    const bytes = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const cut = completeLength(bytes);
    this.tail = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : EMPTY;
    return this.text(bytes.subarray(0, cut));
  }

  /** The text left at the end of the input (a character cut off at the very end is invalid). */
  end(): string {
    const rest = this.tail;
    this.tail = EMPTY;
    return this.text(rest);
  }

  private text(bytes: Buffer): string {
    if (bytes.length === 0) return "";
    if (isUtf8(bytes)) this.countLines(bytes);
    else this.noteInvalidLines(bytes);
    return bytes.toString("utf8");
  }

  private countLines(bytes: Buffer): void {
    let breaks = 0;
    for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) breaks++;
    for (let i = bytes.indexOf(CR); i !== -1; i = bytes.indexOf(CR, i + 1)) if (bytes[i + 1] !== LF) breaks++;
    if (this.lastWasCr && bytes[0] === LF) breaks--; // the LF of a CRLF split between chunks
    this.line += breaks;
    this.lastWasCr = bytes[bytes.length - 1] === CR;
  }

  private noteInvalidLines(bytes: Buffer): void {
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      const b = bytes[i];
      if (i < bytes.length && b !== LF && b !== CR) continue;
      if (!isUtf8(bytes.subarray(start, i)) && this.invalidLines.at(-1) !== this.line) this.invalidLines.push(this.line);
      if (i === bytes.length) break;
      if (!(b === LF && (i > 0 ? bytes[i - 1] === CR : this.lastWasCr))) this.line++;
      start = i + 1;
    }
    this.lastWasCr = bytes[bytes.length - 1] === CR;
  }
}

/** How many bytes at the start of `bytes` end on a character boundary: a multi-byte character cut off at the end is left out. */
function completeLength(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead byte
    if (b < 0xc0) return n; // ASCII (or a stray continuation run): nothing is cut off
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return length > back ? n - back : n;
  }
  return n;
}
