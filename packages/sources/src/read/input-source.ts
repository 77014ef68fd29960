import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { Readable } from "node:stream";

/** An input: a file path, or text with a name for reports. */
export type InputSource = { readonly path: string; readonly name?: string } | { readonly text: string; readonly name: string };

/** The name reports use for an input: its `name`, or the file's base name. */
export function inputName(input: InputSource): string {
  return input.name ?? ("path" in input ? basename(input.path) : "input");
}

/** The input as a stream of UTF-8 text chunks (multi-byte characters never split). */
export function openText(input: InputSource): Readable {
  if ("text" in input) return Readable.from([input.text]);
  return createReadStream(input.path, { encoding: "utf8" });
}

/** The whole input as text. */
export async function readText(input: InputSource): Promise<string> {
  let text = "";
  for await (const chunk of openText(input)) text += chunk as string;
  return text;
}
