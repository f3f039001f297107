#!/usr/bin/env bash
# Browser tests: starts the portal (simulator, backend, frontend) with a throw-away SQLite
# directory, waits until it answers, runs Playwright in the Debian Chromium, then stops it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
source "$(dirname "${BASH_SOURCE[0]}")/throwaway-portal.sh"
cd "$KUBEMATE_ROOT"
ensure_deps

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  log "installing Chromium from Debian's packages (browser tests never download a browser)"
  # A fresh machine may have no package lists yet: update once and try again.
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null 2>&1 ||
    { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null; }
fi

start_throwaway_portal e2e

log "running browser tests in $(/usr/bin/chromium --version 2>/dev/null | head -1)"
yarn playwright test "$@"
