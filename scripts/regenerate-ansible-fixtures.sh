#!/usr/bin/env bash
# Runs the playbooks of examples/inspection/real-world with ansible-playbook (Debian's ansible
# package: ansible-core 2.14 with the ansible.posix collection) once per report format Kubemate
# ingests, and writes their output, untouched, as the ingestion test fixtures:
#   <playbook>.json          ANSIBLE_STDOUT_CALLBACK=json (ansible-core redirects it to ansible.posix.json)
#   <playbook>.posix-json    ANSIBLE_STDOUT_CALLBACK=ansible.posix.json
#   <playbook>.jsonl         ANSIBLE_STDOUT_CALLBACK=ansible.posix.jsonl (one event per line)
# What varies between runs and machines (nothing is normalised): task and play ids (uuids),
# start/end times and durations, command deltas, facts-dependent messages, and the verdicts
# themselves where they depend on the machine (kernel.panic, swap, a running kubelet, files under
# /var/lib). The tests assert the verdicts of the committed outputs.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=toolchain.sh
source "$ROOT/scripts/toolchain.sh"
ensure_debian_package ansible /usr/bin/ansible-playbook

PLAYBOOKS="$ROOT/examples/inspection/real-world"
OUT="$ROOT/plugins/kubemate-backend/src/inspection/ingest/__fixtures__/real-world"
mkdir -p "$OUT"
cd "$PLAYBOOKS" # ansible.cfg: inventory, show_custom_stats, fast SSH failure

declare -A CALLBACKS=(
  [json]=json
  [posix-json]=ansible.posix.json
  [jsonl]=ansible.posix.jsonl
)
for playbook in *.yml; do
  name=${playbook%.yml}
  for ext in "${!CALLBACKS[@]}"; do
    # Exit codes 2 (failed checks) and 4 (an unreachable host) are the point of these playbooks.
    rc=0
    ANSIBLE_STDOUT_CALLBACK=${CALLBACKS[$ext]} ANSIBLE_NOCOLOR=1 \
      ansible-playbook "$playbook" >"$OUT/$name.$ext" 2>"$OUT/.stderr" || rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ] && [ "$rc" -ne 4 ]; then
      cat "$OUT/.stderr" >&2
      echo "ansible-playbook $playbook (${CALLBACKS[$ext]}) exited with $rc" >&2
      exit 1
    fi
    echo "$OUT/$name.$ext (exit $rc)"
  done
done
rm -f "$OUT/.stderr"
