#!/usr/bin/env bash
# Every test: install, Chromium, build, typecheck (tests included), unit + integration + e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/ensure-chromium.sh
export PATH="$PWD/node_modules/.bin:$PATH"
pnpm run build
pnpm run typecheck
status=0
vitest run --reporter=default --reporter=json --outputFile=.vitest-results.json "$@" || status=$?
node scripts/print-test-summary.mjs .vitest-results.json || status=1
exit $status
