// Prints vitest's JSON report as one plain closing line, "tests: N passed, N failed[, N skipped]", which
// CI reads; exits non-zero when nothing ran or anything failed.
import { readFileSync } from 'node:fs'

const file = process.argv[2] ?? '.vitest-results.json'
let report
try {
  report = JSON.parse(readFileSync(file, 'utf8'))
} catch (error) {
  console.error(`no test report at ${file}: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
const passed = report.numPassedTests ?? 0
const failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0)
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
console.log(`tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
