#!/usr/bin/env bash
# Browser tests: starts the portal (simulator, backend, frontend) with a throw-away SQLite
# directory, waits until it answers, runs Playwright in the Debian Chromium, then stops it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$KUBEMATE_ROOT"
ensure_deps

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  log "installing Chromium from Debian's packages (browser tests never download a browser)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null
fi

for port in 3000 7007 6443; do
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port" || curl -ks -o /dev/null --max-time 1 "https://127.0.0.1:$port"; then
    log "port $port is already in use; stop the running portal first"; exit 1
  fi
done

export KUBEMATE_SQLITE_DIR="$(mktemp -d)"
log "starting the portal for browser tests (log: .data/e2e-portal.log)"
mkdir -p .data
setsid ./scripts/start.sh >.data/e2e-portal.log 2>&1 &
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
    kill -0 "$portal" 2>/dev/null || { log "the portal exited:"; tail -30 .data/e2e-portal.log >&2; return 1; }
    [ $((i % 30)) -eq 0 ] && log "still waiting for $1 (${i}s)"
    sleep 1
  done
  log "$1 did not come up within $3 s:"; tail -30 .data/e2e-portal.log >&2; return 1
}
wait_for backend http://localhost:7007/.backstage/health/v1/readiness 240
wait_for frontend http://localhost:3000 300

log "running browser tests in $(/usr/bin/chromium --version 2>/dev/null | head -1)"
yarn playwright test "$@"
