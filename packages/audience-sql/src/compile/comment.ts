/** A line comment safe to put in SQL: control characters and line breaks become spaces. */
export function sqlComment(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `-- ${text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ")}`;
}
