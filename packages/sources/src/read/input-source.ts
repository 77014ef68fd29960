import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { z } from "zod";
import { Utf8Decoder } from "./utf8-decoder.js";

/** An input: a file path, or text with a name for reports. */
export type InputSource = { readonly path: string; readonly name?: string } | { readonly text: string; readonly name: string };

/** An {@link InputSource}: `{ path, name? }` or `{ text, name }`. */
export const InputSourceSchema: z.ZodType<InputSource> = z.union([
  z.object({ path: z.string().min(1), name: z.string().min(1).optional() }),
  z.object({ text: z.string(), name: z.string().min(1) }),
]);

/** The name reports use for an input: its `name`, or the file's base name. */
export function inputName(input: InputSource): string {
  return input.name ?? ("path" in input ? basename(input.path) : "input");
}

/**
 * The input as chunks of text, decoded from UTF-8 (a character is never split
 * between chunks). Bytes that are not UTF-8 become U+FFFD; `decoder.invalidLines`
 * lists the lines that held them, each known once its chunk has been read.
 * `counted.bytes` (when given) follows the bytes read so far.
 */
export async function* textChunks(input: InputSource, decoder: Utf8Decoder, counted?: { bytes: number }): AsyncGenerator<string> {
  if ("text" in input && typeof input.text === "string") {
    if (counted) counted.bytes = Buffer.byteLength(input.text);
    yield input.text;
    return;
  }
  // a `text` key left undefined beside a path: the path is read
  for await (const chunk of createReadStream((input as { readonly path: string }).path)) {
    if (counted) counted.bytes += (chunk as Buffer).length;
    const text = decoder.decode(chunk as Buffer);
    if (text !== "") yield text;
  }
  const rest = decoder.end();
  if (rest !== "") yield rest;
}

/** The whole input as text (see {@link textChunks}). */
export async function readText(input: InputSource, decoder: Utf8Decoder): Promise<string> {
  const parts: string[] = [];
  for await (const text of textChunks(input, decoder)) parts.push(text);
  return parts.join("");
}
