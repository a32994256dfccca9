/**
 * Click ids and browser ids are opaque and must reach the platforms unaltered (platforms.md 1.7), so
 * they are checked, never rewritten: printable ASCII without space, `"`, `,`, `;` or `\` (what a cookie value and
 * a header may carry), at most 1000 characters (the relay's limit is 1024).
 * @example isClickIdValue('IwAR2i2gk7-o-6Jl_X') // true
 */
export function isClickIdValue(value: unknown): value is string {
  // The class is the ranges \x21 \x23-\x2b \x2d-\x3a \x3c-\x5b \x5d-\x7e written as characters: shorter in the bundle.
  return typeof value == 'string' && /^[!#-+\--:<-[\]-~]{1,1000}$/.test(value)
}
