#!/usr/bin/env bash
# Runs every test: unit and integration tests of all packages (database tests on SQLite and,
# when reachable, PostgreSQL), then the browser tests against a freshly started portal.
# Provisions Node 22 and dependencies on first run.
#   scripts/test.sh            everything
#   KUBEMATE_SKIP_E2E=1 ...    skip the browser tests
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$KUBEMATE_ROOT"
ensure_deps
ensure_debian_package fonts-noto-cjk "$NOTO_CJK_FONT"
# A real Prometheus for the release tests (started on loopback by the tests themselves).
ensure_debian_package prometheus /usr/bin/prometheus

export BACKSTAGE_TEST_DISABLE_DOCKER=1
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:5432"
    log "database tests run on SQLite and on PostgreSQL at 127.0.0.1:5432"
  else
    log "PostgreSQL is not reachable on 127.0.0.1:5432: database tests run on SQLite only"
  fi
fi

started=$SECONDS
log "unit and integration tests (backstage-cli repo test)"
yarn backstage-cli repo test --maxWorkers=2
log "unit and integration tests passed in $((SECONDS - started)) s"

if [ "${KUBEMATE_SKIP_E2E:-}" != "1" ]; then
  started=$SECONDS
  log "browser tests"
  "$KUBEMATE_ROOT/scripts/e2e.sh"
  log "browser tests passed in $((SECONDS - started)) s"
fi
