/** Assigns each distinct string a dense code, in order of first appearance. */
export class DictionaryBuilder {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];

  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }

  get size(): number {
    return this.values.length;
  }
}

/** A frozen dictionary: code → string, and string → code on demand. */
export class Dictionary {
  private index: Map<string, number> | undefined;

  constructor(readonly values: readonly string[]) {}

  /** The code of `value`, or -1 when the dictionary does not hold it. */
  codeOf(value: string): number {
    if (this.index === undefined) {
      this.index = new Map();
      this.values.forEach((v, i) => this.index!.set(v, i));
    }
    return this.index.get(value) ?? -1;
  }

  get size(): number {
    return this.values.length;
  }
}
