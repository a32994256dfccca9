/**
 * A synchronous SHA-256 of a UTF-8 string, as lowercase hex. The relay passes node:crypto's; shared code
 * never imports Node built-ins, so the function is a parameter.
 */
export type Sha256 = (input: string) => string

/** The asynchronous form, for browsers (SubtleCrypto has no synchronous API). */
export type Sha256Async = (input: string) => Promise<string>

/**
 * SHA-256 through WebCrypto: works in browsers and in Node 20 (globalThis.crypto.subtle).
 * @example await webCryptoSha256('mary') // '6915771b…'
 */
export const webCryptoSha256: Sha256Async = async (input) => {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(input))
  let hex = ''
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0')
  return hex
}
