#!/usr/bin/env bash
# Browser tests: starts the portal (simulator, backend, frontend) with a throw-away SQLite
# directory, waits until it answers, runs Playwright in the Debian Chromium, then stops it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
source "$(dirname "${BASH_SOURCE[0]}")/throwaway-portal.sh"
cd "$KUBEMATE_ROOT"
ensure_deps

# Browser tests run in Debian's Chromium, never a downloaded browser.
ensure_debian_package chromium "${CHROMIUM_PATH:-/usr/bin/chromium}"

start_throwaway_portal e2e

log "running browser tests in $(/usr/bin/chromium --version 2>/dev/null | head -1)"
yarn playwright test "$@"
