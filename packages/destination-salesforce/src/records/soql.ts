/** A SOQL string literal: `'O\'Brien'` (backslash escapes; SOQL and SOSL Reference, "Quoted String Escape Sequences"). */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}'`;
}

/** `('a','b')` */
export function soqlList(values: readonly string[]): string {
  return `(${values.map(soqlString).join(",")})`;
}
