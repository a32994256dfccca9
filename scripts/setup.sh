#!/usr/bin/env bash
# Installs the workspace's dependencies with the pinned pnpm. Needs only Node 20 and npm: pnpm comes
# through npx the first time, and from node_modules/.bin afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM_VERSION=12.4.2
if [ -x node_modules/.bin/pnpm ]; then
  pnpm_cmd=(node_modules/.bin/pnpm)
else
  pnpm_cmd=(npx --yes "pnpm@${PNPM_VERSION}")
fi
"${pnpm_cmd[@]}" install --frozen-lockfile --reporter=append-only
