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
cd "$KUBEMATE_ROOT"
ensure_deps

for port in 3000 7007 6443; do
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port" || curl -ks -o /dev/null --max-time 1 "https://127.0.0.1:$port"; then
    log "port $port is already in use; stop the running portal first"; exit 1
  fi
done

export KUBEMATE_SQLITE_DIR="$(mktemp -d)"
log "starting the portal for the UI benchmark (log: .data/bench-ui-portal.log)"
mkdir -p .data
setsid ./scripts/start.sh >.data/bench-ui-portal.log 2>&1 &
portal=$!
stop_portal() {
  kill -- -"$portal" 2>/dev/null || true
  wait "$portal" 2>/dev/null || true
  rm -rf "$KUBEMATE_SQLITE_DIR"
}
trap stop_portal EXIT

wait_for() { # name url seconds
  local i
  for i in $(seq 1 "$3"); do
    if curl -fs -o /dev/null --max-time 2 "$2"; then log "$1 is up after ${i}s"; return 0; fi
    kill -0 "$portal" 2>/dev/null || { log "the portal exited:"; tail -30 .data/bench-ui-portal.log >&2; return 1; }
    sleep 1
  done
  log "$1 did not come up within $3 s:"; tail -30 .data/bench-ui-portal.log >&2; return 1
}
wait_for backend http://localhost:7007/.backstage/health/v1/readiness 240
wait_for frontend http://localhost:3000 300

log "running the UI benchmark in $(/usr/bin/chromium --version 2>/dev/null | head -1)"
KUBECONFIG="$KUBEMATE_ROOT/.data/kubeconfig" node scripts/bench-ui.mjs "$@"
