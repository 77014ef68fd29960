import type { ParamType, SqlDialect } from "../dialects/dialect.js";

/** A bound parameter: its value and SQL type. */
export interface SqlParam {
  readonly value: string | number | boolean;
  readonly type: ParamType;
}

const MARK = "\u0001";

/**
 * Collects bound parameters while SQL text is built. Each parameter stands in
 * the text as a token; {@link renderParams} replaces tokens, in text order,
 * with the dialect's placeholders. Values never enter the text.
 */
export class ParamList {
  readonly params: SqlParam[] = [];
  private nowToken: string | undefined;

  constructor(
    private readonly dialect: SqlDialect,
    private readonly nowValue: string,
  ) {}

  /** A parameter cast to its type. */
  add(value: string | number | boolean, type: ParamType): string {
    this.params.push({ value, type });
    return this.dialect.cast(`${MARK}${this.params.length - 1}${MARK}`, type);
  }

  /** The evaluation moment (one parameter, reused where the dialect allows). */
  now(): string {
    this.nowToken ??= this.add(this.nowValue, "timestamp");
    return this.nowToken;
  }
}

/** SQL text with its placeholders, and the values in placeholder order. */
export interface RenderedParams {
  readonly sql: string;
  readonly params: SqlParam[];
}

/** Replaces parameter tokens with placeholders (`$1`, `@p1`: numbered by first use; `?`: one per use). */
export function renderParams(text: string, list: ParamList, dialect: SqlDialect): RenderedParams {
  const numbered = new Map<number, number>();
  const out: SqlParam[] = [];
  const sql = text.replace(/\u0001(\d+)\u0001/g, (_, index: string) => {
    const param = list.params[Number(index)]!;
    if (!dialect.reusesPlaceholders) {
      out.push(param);
      return dialect.placeholder(out.length);
    }
    let n = numbered.get(Number(index));
    if (n === undefined) {
      out.push(param);
      n = out.length;
      numbered.set(Number(index), n);
    }
    return dialect.placeholder(n);
  });
  return { sql, params: out };
}
