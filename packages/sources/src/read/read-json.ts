import type { FileReport } from "./file-report.js";
import { readText, type InputSource } from "./input-source.js";
import { Utf8Decoder } from "./utf8-decoder.js";

/**
 * Reads and parses a JSON file. A file that cannot be read or is not JSON is
 * reported (and `undefined` returned), never thrown; bytes that are not UTF-8
 * are a warning per line (they read as U+FFFD).
 */
export async function readJson(input: InputSource, report: FileReport): Promise<unknown> {
  const decoder = new Utf8Decoder();
  let text: string;
  try {
    text = await readText(input, decoder);
  } catch (error) {
    report.problems.push({ file: report.file, message: `the file could not be read: ${(error as Error).message}`, severity: "error", code: "unreadable" });
    return undefined;
  }
  for (const line of decoder.invalidLines) {
    report.problems.push({
      file: report.file,
      line,
      message: `line ${line} has bytes that are not UTF-8; they were read as U+FFFD`,
      severity: "warning",
      code: "invalid_utf8",
    });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch (error) {
    report.problems.push({ file: report.file, message: `the file is not JSON: ${(error as Error).message}`, severity: "error", code: "invalid_json" });
    return undefined;
  }
}
