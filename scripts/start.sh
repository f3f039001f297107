#!/usr/bin/env bash
# Starts the Kubemate portal for development: the Kubernetes API simulator as the demo cluster
# (https://127.0.0.1:6443, self-signed, seeded from examples/cluster), the demo OpenID Connect
# provider (http://127.0.0.1:7009, packages/dev-oidc: sign in as alice, bob or carol), the backend
# on :7007 and the frontend on :3000. Provisions Node 22 and dependencies on first run. Ctrl-C
# stops everything.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$KUBEMATE_ROOT"
ensure_deps
ensure_debian_package fonts-noto-cjk "$NOTO_CJK_FONT"

export KUBEMATE_SIM_PORT="${KUBEMATE_SIM_PORT:-6443}"
export KUBEMATE_SIM_URL="${KUBEMATE_SIM_URL:-https://127.0.0.1:$KUBEMATE_SIM_PORT}"
export KUBEMATE_SIM_TOKEN="${KUBEMATE_SIM_TOKEN:-kubemate-demo-admin-token}"
# The simulator's Linkerd metrics (plain HTTP) and the Prometheus that scrapes them (releases).
export KUBEMATE_SIM_METRICS_PORT="${KUBEMATE_SIM_METRICS_PORT:-9464}"
# The simulator's Gateways answer HTTP here, by their HTTPRoutes (probes of type http).
export KUBEMATE_SIM_GATEWAY_PORT="${KUBEMATE_SIM_GATEWAY_PORT:-18080}"
export KUBEMATE_PROMETHEUS_PORT="${KUBEMATE_PROMETHEUS_PORT:-9090}"
export KUBEMATE_PROMETHEUS_URL="${KUBEMATE_PROMETHEUS_URL:-http://127.0.0.1:$KUBEMATE_PROMETHEUS_PORT}"
export KUBEMATE_OIDC_PORT="${KUBEMATE_OIDC_PORT:-7009}"
export KUBEMATE_OIDC_METADATA_URL="${KUBEMATE_OIDC_METADATA_URL:-http://127.0.0.1:$KUBEMATE_OIDC_PORT/.well-known/openid-configuration}"
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
    --metrics-port "$KUBEMATE_SIM_METRICS_PORT" \
    --gateway-port "$KUBEMATE_SIM_GATEWAY_PORT" \
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

# Releases read golden metrics from Prometheus: Debian's package, scraping the simulator every 2 s.
prometheus_answers() { curl -fs -o /dev/null --max-time 2 "$KUBEMATE_PROMETHEUS_URL/-/ready"; }
if [ "${KUBEMATE_SKIP_PROMETHEUS:-}" = "1" ]; then
  log "not starting Prometheus (KUBEMATE_SKIP_PROMETHEUS=1)"
elif ensure_debian_package prometheus /usr/bin/prometheus && prometheus_answers; then
  log "a Prometheus already answers at $KUBEMATE_PROMETHEUS_URL; using it"
elif [ ! -x /usr/bin/prometheus ]; then
  log "Prometheus is not installed (apt-get install prometheus): release metrics say 'unavailable'"
else
  log "starting Prometheus on $KUBEMATE_PROMETHEUS_URL (log: .data/prometheus.log)"
  mkdir -p .data/prometheus
  cat >.data/prometheus/prometheus.yml <<YAML
global: { scrape_interval: 2s, evaluation_interval: 2s }
scrape_configs:
  - job_name: kubemate-sim-linkerd
    static_configs: [{ targets: ['127.0.0.1:$KUBEMATE_SIM_METRICS_PORT'] }]
YAML
  /usr/bin/prometheus --config.file=.data/prometheus/prometheus.yml \
    --storage.tsdb.path=.data/prometheus/data --storage.tsdb.retention.time=1d \
    --web.listen-address="127.0.0.1:$KUBEMATE_PROMETHEUS_PORT" >.data/prometheus.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 40); do prometheus_answers && break; sleep 0.5; done
  prometheus_answers || log "Prometheus did not answer within 20 s (see .data/prometheus.log)"
fi

# The backend discovers the OIDC provider when it starts: start the provider first.
oidc_answers() { curl -fs -o /dev/null --max-time 2 "$KUBEMATE_OIDC_METADATA_URL"; }

if [ "${KUBEMATE_SKIP_OIDC:-}" = "1" ]; then
  log "not starting the demo OpenID Connect provider (KUBEMATE_SKIP_OIDC=1)"
elif oidc_answers; then
  log "an OpenID Connect provider already answers at $KUBEMATE_OIDC_METADATA_URL; using it"
else
  log "starting the demo OpenID Connect provider on http://127.0.0.1:$KUBEMATE_OIDC_PORT (log: .data/dev-oidc.log)"
  node packages/dev-oidc/bin/dev-oidc >.data/dev-oidc.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do
    oidc_answers && break
    kill -0 "${pids[-1]}" 2>/dev/null || { log "the OpenID Connect provider exited:"; tail -20 .data/dev-oidc.log >&2; exit 1; }
    sleep 0.5
  done
  oidc_answers || { log "the OpenID Connect provider did not answer within 30 s"; exit 1; }
  log "demo sign-in is up: \"Demo login (OIDC)\" on the sign-in page (alice, bob, carol)"
fi

log "starting the backend (:7007) and the frontend (:3000); the first build takes a minute or two"
# Two malloc arenas: the backend's native memory is not spread over one arena per thread (see
# "Memory" in docs/admin-guide.md).
MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" yarn backstage-cli repo start "$@" &
pids+=($!)
wait "${pids[-1]}"
