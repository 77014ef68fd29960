import { Transform } from "node:stream";

/**
 * A stream that turns CRLF line ends into LF (also across chunk boundaries),
 * so line numbers count each line once. Line ends inside quoted values become `\n`.
 */
export function crlfToLf(): Transform {
  let pendingCr = false;
  return new Transform({
    decodeStrings: false,
    transform(chunk: Buffer | string, _encoding, done) {
      let text = (pendingCr ? "\r" : "") + (typeof chunk === "string" ? chunk : chunk.toString("utf8"));
      pendingCr = text.endsWith("\r");
      if (pendingCr) text = text.slice(0, -1);
      done(null, text.replace(/\r\n/g, "\n"));
    },
    flush(done) {
      done(null, pendingCr ? "\r" : "");
    },
  });
}
