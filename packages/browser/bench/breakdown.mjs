// Where the gzip bytes of pairtrack.js go, per source module: each top-level declaration of the minified
// IIFE is cut out in turn and the rest re-gzipped; the bytes that saves are its marginal cost, credited to
// the modules the sourcemap says it came from, in proportion to the characters of each (terser inlines a
// function called once into its caller, so one declaration can hold code of several modules). Marginal
// costs add up to less than the total: what several parts share (gzip's back-references, the IIFE
// wrapper) is counted in none of them.
//   node packages/browser/bench/breakdown.mjs   # a table, biggest first
import { gzipSync } from 'node:zlib'
import { relative } from 'node:path'
import { parseSync } from 'vite'
import { buildPairtrackChunk, PACKAGE_ROOT } from './build-iife.mjs'

const chunk = await buildPairtrackChunk({ sourcemap: true })
// The map comment goes: pairtrack.js is served without it (and the code before it is the same).
const code = chunk.code.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '')
const gzip = (text) => gzipSync(text).length
const total = gzip(code)

// Source index of each generated column of line 1 (the minified IIFE is one line), from the map's VLQ.
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
function sourceAt(mappings) {
  const starts = []
  let column = 0
  let source = 0
  for (const segment of mappings.split(';')[0].split(',')) {
    const fields = []
    for (let i = 0, value = 0, shift = 0; i < segment.length; i++) {
      const digit = BASE64.indexOf(segment[i])
      value += (digit & 31) << shift
      shift += 5
      if (!(digit & 32)) {
        fields.push(value & 1 ? -(value >> 1) : value >> 1)
        value = shift = 0
      }
    }
    column += fields[0] ?? 0
    if (fields.length > 1) source += fields[1]
    starts.push([column, source])
  }
  // The characters of [offset, end) per source index: each mapping holds until the next one.
  return (offset, end) => {
    const chars = new Map()
    starts.forEach(([col, source], i) => {
      const from = Math.max(col, offset)
      const to = Math.min(starts[i + 1]?.[0] ?? Infinity, end)
      if (to > from) chars.set(source, (chars.get(source) ?? 0) + to - from)
    })
    return chars
  }
}
const at = sourceAt(chunk.map.mappings)

// The IIFE's function body (`(function(){…})()` or terser's `(()=>{…})()`): its top-level statements and, for `var a=…,b=…`, each declarator.
let node = parseSync('pairtrack.js', code).program.body[0].expression
while (node.type !== 'FunctionExpression' && node.type !== 'ArrowFunctionExpression') node = node.callee ?? node.expression
const parts = node.body.body.flatMap((s) => (s.type === 'VariableDeclaration' ? s.declarations : [s]))

const byModule = new Map()
for (const { start, end } of parts) {
  const marginal = total - gzip(code.slice(0, start) + code.slice(end))
  const chars = at(start, end)
  if (chars.size === 0) chars.set(undefined, 1)
  const mapped = [...chars.values()].reduce((n, c) => n + c, 0)
  for (const [index, count] of chars) {
    const source = index === undefined ? '(wrapper)' : relative(PACKAGE_ROOT, chunk.map.sources[index] ?? '')
    const name = source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, '')
    byModule.set(name, (byModule.get(name) ?? 0) + (marginal * count) / mapped)
  }
}
const rows = [...byModule].map(([name, bytes]) => [name, Math.round(bytes)]).sort((a, b) => b[1] - a[1])
console.log(`pairtrack.js: ${total} B gzip; marginal gzip bytes per module (sum ${rows.reduce((n, [, b]) => n + b, 0)} B):`)
for (const [name, bytes] of rows) console.log(`${String(bytes).padStart(5)}  ${name}`)
