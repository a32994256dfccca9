/** A value or a typed error: how every boundary in pairtrack reports failure (exceptions are for bugs). */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E }

/** @example const r = ok(42) // { ok: true, value: 42 } */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value }
}

/** @example const r = err('invalid') // { ok: false, error: 'invalid' } */
export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error }
}
