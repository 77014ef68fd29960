/** The names held in a multi-select picklist or text membership field (`;`-separated, blanks dropped). */
export function namesIn(value: unknown): string[] {
  if (typeof value !== "string") return [];
  return value
    .split(";")
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/**
 * The field's value with `name` added or removed, the other audiences'
 * names left as they were (order kept, `name` appended at the end);
 * `null` when nothing is left, so the field is cleared.
 */
export function withMembership(value: unknown, name: string, member: boolean): string | null {
  const names = namesIn(value).filter((n) => n !== name);
  if (member) names.push(name);
  return names.length === 0 ? null : names.join(";");
}
