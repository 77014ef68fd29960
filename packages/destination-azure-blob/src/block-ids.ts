/**
 * The id of the `index`-th block of a blob: base64 of a fixed-width name, so
 * every id of a blob has the same length (Azure requires it) and a retried
 * upload stages the same ids again, replacing what an earlier attempt left.
 */
export function blockId(index: number): string {
  return Buffer.from(`abm-kit-block-${String(index).padStart(6, "0")}`).toString("base64");
}
