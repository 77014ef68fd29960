import { z } from "zod";

/** One problem with an input file: where (file, line, field) and what. */
export interface SourceProblem {
  readonly file: string;
  /** 1-based line of the file where the record starts (1 is the header of a CSV file). JSON records have no line: in a JSON file only a problem with the text itself (bytes that are not UTF-8) has one. */
  readonly line?: number;
  /** 1-based position of the record in a JSON file (JSON records have no line). */
  readonly record?: number;
  /** The column or JSON field, when the problem is about one. */
  readonly field?: string;
  readonly message: string;
  /** `error`: the record was rejected. `warning`: it was loaded (the value in question left out or kept as is). */
  readonly severity: "error" | "warning";
  readonly code: string;
}

/** What reading one file did: records read, loaded and rejected, and every problem. */
export interface FileReport {
  readonly file: string;
  /** What the file holds: `salesforce:Contact`, `marketo:activities`, `partner:intent`, … */
  readonly kind: string;
  read: number;
  loaded: number;
  rejected: number;
  readonly problems: SourceProblem[];
}

/** A new, empty report for a file. */
export function createFileReport(file: string, kind: string): FileReport {
  return { file, kind, read: 0, loaded: 0, rejected: 0, problems: [] };
}

/** A {@link FileReport} as readers take one (counts and a list of problems). */
export const FileReportSchema = z.object({
  file: z.string(),
  kind: z.string(),
  read: z.number(),
  loaded: z.number(),
  rejected: z.number(),
  problems: z.array(z.unknown()),
});
