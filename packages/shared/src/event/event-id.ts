/** A source of random bytes; injected in tests (nanoid style). */
export type RandomBytes = (length: number) => Uint8Array

const cryptoRandomBytes: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length))

/**
 * A new event id: a UUID v4 from `crypto.randomUUID`, or built from `getRandomValues` where randomUUID is
 * missing (older browsers, insecure origins).
 * @example newEventId() // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export function newEventId(randomBytes?: RandomBytes): string {
  const native = globalThis.crypto as { randomUUID?: () => string } | undefined
  if (!randomBytes && typeof native?.randomUUID === 'function') return native.randomUUID()
  const bytes = (randomBytes ?? cryptoRandomBytes)(16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40 // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80 // RFC 4122 variant
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
