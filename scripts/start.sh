#!/usr/bin/env bash
# Starts the Kubemate portal for development: the Kubernetes API simulator as the demo cluster
# (https://127.0.0.1:6443, self-signed, seeded from examples/cluster), the backend on :7007 and the frontend
# on :3000. Provisions Node 22 and dependencies on first run. Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$KUBEMATE_ROOT"
ensure_deps

export KUBEMATE_SIM_PORT="${KUBEMATE_SIM_PORT:-6443}"
export KUBEMATE_SIM_URL="${KUBEMATE_SIM_URL:-https://127.0.0.1:$KUBEMATE_SIM_PORT}"
export KUBEMATE_SIM_TOKEN="${KUBEMATE_SIM_TOKEN:-kubemate-demo-admin-token}"
mkdir -p .data

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

sim_answers() { curl -kfs -o /dev/null --max-time 2 "$KUBEMATE_SIM_URL/version"; }

if [ "${KUBEMATE_SKIP_SIMULATOR:-}" = "1" ]; then
  log "not starting the simulator (KUBEMATE_SKIP_SIMULATOR=1); clusters come from app-config"
elif sim_answers; then
  log "a Kubernetes API already answers at $KUBEMATE_SIM_URL; using it"
else
  log "starting the Kubernetes API simulator on $KUBEMATE_SIM_URL (log: .data/simulator.log)"
  node packages/kube-simulator/bin/kube-simulator \
    --host 127.0.0.1 --port "$KUBEMATE_SIM_PORT" \
    --seed examples/cluster \
    --admin-token "$KUBEMATE_SIM_TOKEN" \
    --kubeconfig .data/kubeconfig >.data/simulator.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do
    sim_answers && break
    kill -0 "${pids[-1]}" 2>/dev/null || { log "the simulator exited:"; tail -20 .data/simulator.log >&2; exit 1; }
    sleep 0.5
  done
  sim_answers || { log "the simulator did not answer within 30 s"; exit 1; }
  log "demo cluster is up; kubectl: KUBECONFIG=.data/kubeconfig kubectl get pods -A"
fi

log "starting the backend (:7007) and the frontend (:3000); the first build takes a minute or two"
yarn backstage-cli repo start "$@" &
pids+=($!)
wait "${pids[-1]}"
