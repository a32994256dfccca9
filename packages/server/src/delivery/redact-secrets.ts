const REDACTED = '[redacted]'

/**
 * Replaces every secret (and its URL-encoded form, as it appears in a query string) with "[redacted]".
 * Used on anything delivery logs or stores: error messages, reasons, URLs.
 * @example redactSecrets('bad token abc123', ['abc123']) // 'bad token [redacted]'
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  // Longest first, so a secret that contains another is replaced whole.
  const forms = secrets.flatMap((s) => [s, encodeURIComponent(s)]).filter((s) => s !== '')
  for (const secret of [...new Set(forms)].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED)
  return out
}
