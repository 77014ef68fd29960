import type { LoadProgress } from "@abm-kit/sources";

const size = (bytes: number) =>
  bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;

/** One line for a `loadExports` progress event: `reading 3/17 Contact.csv: 1.2 MB of 2.4 MB (50%), 10,000 records`. */
export function formatProgress(p: LoadProgress): string {
  if (p.phase === "done") return `read ${p.fileCount} files`;
  const of = p.totalBytes !== undefined ? ` of ${size(p.totalBytes)}${p.totalBytes > 0 ? ` (${Math.floor((100 * p.bytes) / p.totalBytes)}%)` : ""}` : "";
  return `${p.phase} ${p.fileIndex + 1}/${p.fileCount} ${p.file}: ${size(p.bytes)}${of}, ${p.rows.toLocaleString("en-US")} records`;
}

/**
 * A progress line for long loads: on a terminal, one line rewritten in place
 * as events arrive (and cleared at the end); elsewhere nothing, so logs stay clean.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): (p: LoadProgress) => void {
  if (!stream.isTTY) return () => {};
  return (p) => {
    const text = p.phase === "done" ? "" : formatProgress(p).slice(0, (stream.columns ?? 100) - 1);
    stream.write(`\r\u001b[2K${text}`);
  };
}
