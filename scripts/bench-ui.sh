#!/usr/bin/env bash
# Render benchmark of the Workloads tab in real Chromium: starts the portal (under the portal
# lock, with a throw-away SQLite directory), scales the demo Deployment payments-api-v2 to
# 500 replicas in the simulator, opens the tab in /usr/bin/chromium with Playwright and prints
# how long the 500-pod table takes to become interactive, long tasks and frame times while
# scrolling it from top to bottom, and the JS heap. Then stops the portal.
#   scripts/bench-ui.sh [--replicas=500] [--step=88]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/browser-bench.sh"
run_browser_bench bench-ui scripts/bench-ui.mjs "$@"
