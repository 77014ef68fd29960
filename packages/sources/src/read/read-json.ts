import type { FileReport } from "./file-report.js";
import { readText, type InputSource } from "./input-source.js";

/** Reads and parses a JSON file; a parse failure is reported (and `undefined` returned), never thrown. */
export async function readJson(input: InputSource, report: FileReport): Promise<unknown> {
  let text: string;
  try {
    text = await readText(input);
  } catch (error) {
    report.problems.push({ file: report.file, message: `the file could not be read: ${(error as Error).message}`, severity: "error", code: "unreadable" });
    return undefined;
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch (error) {
    report.problems.push({ file: report.file, message: `the file is not JSON: ${(error as Error).message}`, severity: "error", code: "invalid_json" });
    return undefined;
  }
}
