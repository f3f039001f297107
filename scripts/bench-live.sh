#!/usr/bin/env bash
# Live-update benchmark in real Chromium: starts the portal (under the portal lock, with a
# throw-away SQLite directory), opens payments-api's Workloads tab in /usr/bin/chromium with
# Playwright, then N times runs `kubectl scale` on its Deployment payments-api-v2 and measures
# the time until the new replica count is on screen (pushed by Backstage signals, no reload).
# Prints p50/p95/max and whether p95 ≤ 1 s. Then stops the portal.
#   scripts/bench-live.sh [--changes=20] [--pause=1500]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/browser-bench.sh"
run_browser_bench bench-live scripts/bench-live.mjs "$@"
