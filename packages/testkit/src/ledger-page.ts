import { PLATFORM_IDS } from '@pairtrack/shared'
import type { Ledger } from './ledger.js'

const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function table(headers: string[], rows: unknown[][]): string {
  if (rows.length === 0) return '<p class="empty">none</p>'
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n')
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
}

const time = (ms: number): string => new Date(ms).toISOString()

/**
 * The ledger as a plain HTML page (`GET /_emulator`): per platform, conversions, received and rejected.
 * Refreshes itself every 2 s so the demo shows events as they arrive.
 * @example res.type('html').send(renderLedgerPage(ledger.snapshot()))
 */
export function renderLedgerPage(ledger: Ledger): string {
  const sections = PLATFORM_IDS.map((platform) => {
    const { received, rejected, conversions } = ledger[platform]
    return `<section><h2>${platform}</h2>
<h3>Conversions (${conversions.length})</h3>
${table(['event', 'dedup key', 'channels', 'duplicates'], conversions.map((c) => [c.eventName, c.key, c.channels.join(' → '), c.duplicates]))}
<h3>Received (${received.length})</h3>
${table(
  ['time', 'channel', 'event', 'event id', 'transaction id', 'pixel', 'test code'],
  received.map((e) => [time(e.receivedAtMs), e.channel, e.eventName, e.eventId, e.transactionId, e.pixelId, e.testEventCode]),
)}
<h3>Rejected (${rejected.length})</h3>
${table(['time', 'channel', 'status', 'reason'], rejected.map((r) => [time(r.receivedAtMs), r.channel, r.status, r.reason]))}
</section>`
  }).join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>pairtrack emulator ledger</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1em}
td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;font-family:ui-monospace,monospace;font-size:12px}
.empty{color:#888}</style></head>
<body><h1>pairtrack emulator</h1><p>JSON: <a href="/_emulator/ledger">/_emulator/ledger</a></p>
${sections}
</body></html>`
}
