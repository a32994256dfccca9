/**
 * An `_fbp` cookie value: `fb.<subdomainIndex>.<creationTimeMs>.<random>` plus an optional appendix. The
 * random part is digits of any length (17–18 digits are seen: platforms.md 1.7, 11.4), so it is not
 * length-checked.
 * @example isFbp('fb.1.1596403881668.1116446470') // true
 */
export function isFbp(value: string | null | undefined): value is string {
  // A missing value reads as 'null' or 'undefined', which the pattern cannot match: no check or `?? ''`
  // (bytes of the browser bundle).
  return /^fb\.\d\.\d{13}\.\d+(\.[\w-]+)?$/.test(value as string)
}

/**
 * A new `_fbp` value in Meta's format, for when the pixel is blocked or not loaded yet and none exists:
 * `fb.1.<creationTimeMs>.<random integer below 2^31>`, as Meta's parameter builder mints it (platforms.md
 * 1.8). Subdomain index 1: the cookie is written for the site's domain. `random` returns [0, 1).
 * @example newFbp(1700000000000, () => 0.5) // 'fb.1.1700000000000.1073741824'
 */
export function newFbp(creationTimeMs: number, random: () => number = Math.random): string {
  return `fb.1.${Math.floor(creationTimeMs)}.${Math.floor(random() * 2 ** 31)}`
}
