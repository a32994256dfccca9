/**
 * An `_fbp` cookie value: `fb.<subdomainIndex>.<creationTimeMs>.<random>` plus an optional appendix. The
 * random part is digits of any length (17–18 digits are seen: platforms.md 1.7, 11.4), so it is not
 * length-checked.
 * @example isFbp('fb.1.1596403881668.1116446470') // true
 */
export function isFbp(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^fb\.\d\.\d{13}\.\d+(\.[\w-]+)?$/.test(value)
}
