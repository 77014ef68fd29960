/**
 * The SOQL the fake understands: `SELECT f, g FROM Object [WHERE cond] [ORDER BY …] [LIMIT n]`,
 * where a condition is `field = 'text'`, `field IN ('a','b')`, joined with AND / OR and parentheses.
 * Anything else is refused like Salesforce refuses bad SOQL (400 `MALFORMED_QUERY`).
 */
export interface SoqlQuery {
  readonly fields: readonly string[];
  readonly object: string;
  readonly where: Condition | undefined;
  readonly limit: number | undefined;
}

export type Condition =
  | { readonly op: "eq"; readonly field: string; readonly value: string }
  | { readonly op: "in"; readonly field: string; readonly values: readonly string[] }
  | { readonly op: "and" | "or"; readonly parts: readonly Condition[] };

export class SoqlError extends Error {}

const TOKEN = /\s*(?:('(?:[^'\\]|\\.)*')|(\d+)|([A-Za-z_][A-Za-z0-9_.]*)|(,|\(|\)|=))/y;

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (m === null) throw new SoqlError(`unexpected token at ${at}`);
    out.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
    at = TOKEN.lastIndex;
  }
  return out;
}

const unquote = (t: string) => t.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t" })[c] ?? c);

/** Parses the supported SOQL, or throws {@link SoqlError}. */
export function parseSoql(text: string): SoqlQuery {
  const t = tokenize(text);
  let i = 0;
  const peek = () => t[i];
  const next = () => {
    if (i >= t.length) throw new SoqlError("unexpected end of query");
    return t[i++]!;
  };
  const keyword = (k: string) => {
    if (next().toUpperCase() !== k) throw new SoqlError(`expected ${k}`);
  };
  keyword("SELECT");
  const fields = [next()];
  while (peek() === ",") next(), fields.push(next());
  keyword("FROM");
  const object = next();
  const atom = (): Condition => {
    if (peek() === "(") {
      next();
      const c = or();
      if (next() !== ")") throw new SoqlError("expected )");
      return c;
    }
    const field = next();
    const op = next().toUpperCase();
    if (op === "=") {
      const v = next();
      if (!v.startsWith("'")) throw new SoqlError("expected a quoted value");
      return { op: "eq", field, value: unquote(v) };
    }
    if (op === "IN") {
      if (next() !== "(") throw new SoqlError("expected (");
      const values = [unquote(next())];
      while (peek() === ",") next(), values.push(unquote(next()));
      if (next() !== ")") throw new SoqlError("expected )");
      return { op: "in", field, values };
    }
    throw new SoqlError(`unsupported operator ${op}`);
  };
  const and = (): Condition => {
    const parts = [atom()];
    while (peek()?.toUpperCase() === "AND") next(), parts.push(atom());
    return parts.length === 1 ? parts[0]! : { op: "and", parts };
  };
  const or = (): Condition => {
    const parts = [and()];
    while (peek()?.toUpperCase() === "OR") next(), parts.push(and());
    return parts.length === 1 ? parts[0]! : { op: "or", parts };
  };
  let where: Condition | undefined;
  let limit: number | undefined;
  if (peek()?.toUpperCase() === "WHERE") next(), (where = or());
  if (peek()?.toUpperCase() === "ORDER") {
    next();
    keyword("BY");
    next();
    while (peek() === ",") next(), next();
  }
  if (peek()?.toUpperCase() === "LIMIT") next(), (limit = Number(next()));
  if (i !== t.length) throw new SoqlError(`unexpected ${t[i]}`);
  return { fields, object, where, limit };
}

/** Every field a condition names. */
export function fieldsOf(c: Condition | undefined): string[] {
  if (c === undefined) return [];
  return "parts" in c ? c.parts.flatMap(fieldsOf) : [c.field];
}

/** Whether a record satisfies a condition (field names case-insensitive). */
export function matches(c: Condition | undefined, get: (field: string) => unknown): boolean {
  if (c === undefined) return true;
  switch (c.op) {
    case "eq":
      return get(c.field) === c.value;
    case "in":
      return c.values.includes(String(get(c.field) ?? "\u0000"));
    case "and":
      return c.parts.every((p) => matches(p, get));
    case "or":
      return c.parts.some((p) => matches(p, get));
  }
}
