# Sourced (after toolchain.sh) by scripts that need a running portal for a while — browser tests
# and the UI benchmark. `start_throwaway_portal <label>` starts ./scripts/start.sh (simulator,
# demo OpenID Connect provider on :7009, backend, frontend) with a
# throw-away SQLite directory (log: .data/<label>-portal.log), waits until the backend and the
# frontend answer, and stops the portal and removes the directory when the calling script exits.

start_throwaway_portal() {
  local label=$1 port
  for port in 3000 7007 6443 7009; do
    if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port" || curl -ks -o /dev/null --max-time 1 "https://127.0.0.1:$port"; then
      log "port $port is already in use; stop the running portal first"; exit 1
    fi
  done

  export KUBEMATE_SQLITE_DIR="$(mktemp -d)"
  PORTAL_LOG=".data/$label-portal.log"
  log "starting the portal for $label (log: $PORTAL_LOG)"
  mkdir -p .data
  setsid ./scripts/start.sh >"$PORTAL_LOG" 2>&1 &
  PORTAL_PID=$!
  trap stop_throwaway_portal EXIT

  wait_for_portal backend http://localhost:7007/.backstage/health/v1/readiness 240
  wait_for_portal frontend http://localhost:3000 300
}

stop_throwaway_portal() {
  kill -- -"$PORTAL_PID" 2>/dev/null || true
  wait "$PORTAL_PID" 2>/dev/null || true
  rm -rf "$KUBEMATE_SQLITE_DIR"
}

wait_for_portal() { # name url seconds
  local i
  for i in $(seq 1 "$3"); do
    if curl -fs -o /dev/null --max-time 2 "$2"; then log "$1 is up after ${i}s"; return 0; fi
    kill -0 "$PORTAL_PID" 2>/dev/null || { log "the portal exited:"; tail -30 "$PORTAL_LOG" >&2; exit 1; }
    [ $((i % 30)) -eq 0 ] && log "still waiting for $1 (${i}s)"
    sleep 1
  done
  log "$1 did not come up within $3 s:"; tail -30 "$PORTAL_LOG" >&2; exit 1
}
