#!/usr/bin/env bash
# Live-update benchmark in real Chromium: starts the portal (under the portal lock, with a
# throw-away SQLite directory), opens payments-api's Workloads tab in /usr/bin/chromium with
# Playwright, then N times runs `kubectl scale` on its Deployment payments-api-v2 and measures
# the time until the new replica count is on screen (pushed by Backstage signals, no reload).
# Prints p50/p95/max and whether p95 ≤ 1 s. Then stops the portal.
#   scripts/bench-live.sh [--changes=20] [--pause=1500]
set -euo pipefail
if [ -z "${KUBEMATE_PORTAL_LOCKED:-}" ]; then
  # The portal's ports are shared by everyone working in this tree: one portal at a time.
  KUBEMATE_PORTAL_LOCKED=1 exec flock /tmp/kubemate-portal.lock "$0" "$@"
fi
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
source "$(dirname "${BASH_SOURCE[0]}")/throwaway-portal.sh"
cd "$KUBEMATE_ROOT"
ensure_deps

if ! command -v kubectl >/dev/null; then
  log "installing kubectl from Debian's packages (kubernetes-client)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y kubernetes-client >/dev/null 2>&1 ||
    { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y kubernetes-client >/dev/null; }
fi

start_throwaway_portal bench-live

log "running the live-update benchmark in $(/usr/bin/chromium --version 2>/dev/null | head -1)"
KUBECONFIG="$KUBEMATE_ROOT/.data/kubeconfig" node scripts/bench-live.mjs "$@"
