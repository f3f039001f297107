#!/usr/bin/env bash
# Render benchmark of the Workloads tab in real Chromium: starts the portal (under the portal
# lock, with a throw-away SQLite directory), scales the demo Deployment payments-api-v2 to
# 500 replicas in the simulator, opens the tab in /usr/bin/chromium with Playwright and prints
# how long the 500-pod table takes to become interactive, long tasks and frame times while
# scrolling it from top to bottom, and the JS heap. Then stops the portal.
#   scripts/bench-ui.sh [--replicas=500] [--step=88]
set -euo pipefail
if [ -z "${KUBEMATE_PORTAL_LOCKED:-}" ]; then
  # The portal's ports are shared by everyone working in this tree: one portal at a time.
  KUBEMATE_PORTAL_LOCKED=1 exec flock /tmp/kubemate-portal.lock "$0" "$@"
fi
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
source "$(dirname "${BASH_SOURCE[0]}")/throwaway-portal.sh"
cd "$KUBEMATE_ROOT"
ensure_deps

start_throwaway_portal bench-ui

log "running the UI benchmark in $(/usr/bin/chromium --version 2>/dev/null | head -1)"
KUBECONFIG="$KUBEMATE_ROOT/.data/kubeconfig" node scripts/bench-ui.mjs "$@"
