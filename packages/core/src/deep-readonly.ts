/**
 * `T` with every property and array readonly, all the way down: an input type
 * built with it accepts plain literals, `as const` literals and frozen values alike.
 */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;
