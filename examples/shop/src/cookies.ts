/** Reads a Cookie header into a map; the shop needs only the browser ids the pixels set. */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  if (!header) return cookies
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 1) continue
    const name = part.slice(0, eq).trim()
    if (cookies.has(name)) continue
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()))
    } catch {
      cookies.set(name, part.slice(eq + 1).trim())
    }
  }
  return cookies
}

/** `_ga` = `GA1.1.<random>.<seconds>` → client id `<random>.<seconds>` (platforms.md 2.7). */
export function gaClientIdFromCookie(value: string | undefined): string | undefined {
  const match = value?.match(/^GA\d\.\d+\.(\d+\.\d+)$/)
  return match?.[1]
}
