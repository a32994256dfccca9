/** Escapes text for HTML; every dynamic value on the shop's pages goes through it. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** A JSON value safe to place inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

/** What every page shares: the snippets for <head> and where the emulator's ledger is. */
export type PageContext = {
  /** The pixel snippets and the pairtrack snippet, in <head>. */
  head: string
  ledgerUrl: string
}

export type LayoutParts = {
  title: string
  context: PageContext
  body: string
  /** Page script run after the body (calls pairtrack()). */
  script?: string
}

export function renderLayout(parts: LayoutParts): string {
  const { head, ledgerUrl } = parts.context
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)} · pairtrack demo shop</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f }
  header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1px solid #ddd; margin-bottom: 1.5rem }
  label { display: block; margin: .5rem 0 }
  input, select { font: inherit; padding: .3rem; width: 100%; box-sizing: border-box }
  button { font: inherit; padding: .5rem 1.2rem; background: #0a66c2; color: #fff; border: 0; border-radius: 4px; cursor: pointer }
  .price { font-size: 1.4rem; font-weight: 600 }
  .note { color: #666; font-size: .9rem }
</style>
${head}
</head>
<body>
<header><h1><a href="/">pairtrack shop</a></h1><a href="${escapeHtml(ledgerUrl)}" id="ledger-link">platform ledger</a></header>
${parts.body}
${parts.script ? `<script>\n${parts.script}\n</script>` : ''}
</body>
</html>
`
}
