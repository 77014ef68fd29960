type TypedArray = Float64Array | Int32Array | Uint8Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

/** An append-only typed array that doubles when full. */
export class Growable<T extends TypedArray> {
  private buffer: T;
  length = 0;

  constructor(
    private readonly Ctor: TypedArrayConstructor<T>,
    initialCapacity = 1024,
  ) {
    this.buffer = new Ctor(initialCapacity);
  }

  push(value: number): void {
    if (this.length === this.buffer.length) this.grow(this.length + 1);
    this.buffer[this.length++] = value;
  }

  /** Appends `count` copies of `value`. */
  fill(value: number, count: number): void {
    if (count <= 0) return;
    if (this.length + count > this.buffer.length) this.grow(this.length + count);
    this.buffer.fill(value, this.length, this.length + count);
    this.length += count;
  }

  get(index: number): number {
    return this.buffer[index] as number;
  }

  set(index: number, value: number): void {
    this.buffer[index] = value;
  }

  /** The values written so far, trimmed to length (a copy). */
  finish(): T {
    return this.buffer.slice(0, this.length) as T;
  }

  /** A view of the values written so far (no copy; invalid after the next push). */
  view(): T {
    return this.buffer.subarray(0, this.length) as T;
  }

  private grow(minCapacity: number): void {
    let capacity = Math.max(16, this.buffer.length * 2);
    while (capacity < minCapacity) capacity *= 2;
    const next = new this.Ctor(capacity);
    next.set(this.buffer);
    this.buffer = next;
  }
}

export const growFloat64 = (capacity?: number) => new Growable(Float64Array, capacity);
export const growInt32 = (capacity?: number) => new Growable(Int32Array, capacity);
export const growUint8 = (capacity?: number) => new Growable(Uint8Array, capacity);

/** Gathers `source[order[i]]` into a new array of the same kind. */
export function gather<T extends TypedArray>(source: T, order: Int32Array): T {
  const Ctor = source.constructor as TypedArrayConstructor<T>;
  const out = new Ctor(order.length);
  for (let i = 0; i < order.length; i++) out[i] = source[order[i] as number] as number;
  return out;
}
