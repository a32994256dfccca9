#!/usr/bin/env bash
# The e2e tests drive Debian's Chromium through playwright-core; they never download a browser.
set -euo pipefail
CHROMIUM=${PAIRTRACK_CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
echo "Chromium not found at $CHROMIUM: installing Debian's chromium package" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
  sudo_cmd=(sudo)
else
  echo "Cannot install chromium without root: run 'apt-get install chromium' or set PAIRTRACK_CHROMIUM" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq chromium >/dev/null
[ -x "$CHROMIUM" ] || { echo "chromium install failed" >&2; exit 1; }
