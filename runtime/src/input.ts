// What a writer accepts: the generated types describe values as readers build them (plain arrays),
// while callers often hold their inputs as `readonly` arrays (`as const`, ReadonlyArray parameters).

type Scalar = string | number | boolean | bigint | symbol | null | undefined | Uint8Array;

/** `T` with every array in it, at any depth, readonly. */
type ReadonlyArrays<T> = unknown extends T
  ? T
  : T extends Scalar
    ? T
    : T extends readonly (infer E)[]
      ? readonly ReadonlyArrays<E>[]
      : { readonly [K in keyof T]: ReadonlyArrays<T[K]> };

/**
 * `T` as a writer takes it: `T` itself, or `T` with any of its arrays, at any depth, readonly.
 * Writers never change the value they write, so `as const` data and `readonly T[]` parameters
 * are sent as they are.
 */
export type ReadonlyInput<T> = T | ReadonlyArrays<T>;
