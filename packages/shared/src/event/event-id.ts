/** A source of random bytes; injected in tests (nanoid style). */
export type RandomBytes = (length: number) => Uint8Array

const cryptoRandomBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length))

/**
 * A new event id: a UUID v4 from `crypto.randomUUID`, or built from `getRandomValues` where randomUUID is
 * missing (older browsers, insecure origins) or `randomBytes` is given.
 * @example newEventId() // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export function newEventId(randomBytes?: RandomBytes): string {
  if (!randomBytes && crypto.randomUUID) return crypto.randomUUID()
  const bytes = (randomBytes ?? cryptoRandomBytes)(16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x40 // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80 // RFC 4122 variant
  // Two hex digits a byte (the 256 bit keeps a leading zero), dashes after the 4th, 6th, 8th and 10th byte.
  return Array.from(bytes, (byte, i) => (i == 4 || i == 6 || i == 8 || i == 10 ? '-' : '') + (byte | 256).toString(16).slice(1)).join('')
}
