# Sourced by the browser benchmarks (scripts/bench-ui.sh, scripts/bench-live.sh):
#   run_browser_bench <name> <script.mjs> [options...]
# takes the portal lock (the portal's ports are shared by everyone working in this tree: one
# portal at a time), starts a throw-away portal, runs the benchmark's browser half in Debian's
# Chromium against it, and stops the portal when the benchmark ends.
run_browser_bench() {
  local name="$1" script="$2"
  shift 2
  if [ -z "${KUBEMATE_PORTAL_LOCKED:-}" ]; then
    KUBEMATE_PORTAL_LOCKED=1 exec flock /tmp/kubemate-portal.lock "$0" "$@"
  fi
  source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
  source "$(dirname "${BASH_SOURCE[0]}")/throwaway-portal.sh"
  cd "$KUBEMATE_ROOT"
  ensure_deps
  command -v kubectl >/dev/null || ensure_debian_package kubernetes-client /usr/bin/kubectl
  start_throwaway_portal "$name"
  log "running $name in $(/usr/bin/chromium --version 2>/dev/null | head -1)"
  KUBECONFIG="$KUBEMATE_ROOT/.data/kubeconfig" node "$script" "$@"
}
