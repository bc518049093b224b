#!/usr/bin/env bash
# Builds and packs this package, then installs the tarball into an n8n user folder the way n8n 2.41's
# community-package installer does (packages/cli/src/modules/community-packages/community-packages.service.ts,
# downloadPackage): extract the tarball into $N8N_USER_FOLDER/.n8n/nodes/node_modules/<name>, drop
# devDependencies/peerDependencies/optionalDependencies from its package.json, run
# `npm install --ignore-scripts=true --package-lock=false ...` inside it, and record the version in
# .n8n/nodes/package.json. n8n then scans that node_modules folder and loads the nodes as
# `n8n-nodes-pharmaone.pharmaOne`, `n8n-nodes-pharmaone.pharmaOneTrigger`, ...
#
#   scripts/install-package.sh <n8n user folder>     (or N8N_USER_FOLDER=... scripts/install-package.sh)
#   SKIP_BUILD=1 scripts/install-package.sh <folder>  (pack the dist/ that is already built)
#
# Prints the installed package folder on stdout; logs go to stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
USER_FOLDER="${1:-${N8N_USER_FOLDER:-}}"
if [ -z "$USER_FOLDER" ]; then
	echo "usage: scripts/install-package.sh <n8n user folder>" >&2
	exit 2
fi
mkdir -p "$USER_FOLDER"
USER_FOLDER="$(cd "$USER_FOLDER" && pwd)"
NODES_DIR="$USER_FOLDER/.n8n/nodes"
PACK_DIR="$USER_FOLDER/pack"

log() { echo "[install-package] $*" >&2; }

cd "$ROOT"
if [ "${SKIP_BUILD:-}" != "1" ]; then
	log "npm run build"
	npm run build >&2
fi

log "npm pack"
rm -rf "$PACK_DIR"
mkdir -p "$PACK_DIR"
TARBALL_NAME="$(npm pack --pack-destination "$PACK_DIR" --json 2>/dev/null | node -e '
let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s)[0].filename));')"
TARBALL="$PACK_DIR/$TARBALL_NAME"
[ -f "$TARBALL" ] || { log "npm pack did not produce $TARBALL"; exit 1; }

PKG_NAME="$(node -p "require('./package.json').name")"
PKG_DIR="$NODES_DIR/node_modules/$PKG_NAME"
log "installing $TARBALL_NAME into $PKG_DIR"
mkdir -p "$NODES_DIR"
if [ ! -f "$NODES_DIR/package.json" ]; then
	echo '{"name":"installed-nodes","private":true,"dependencies":{}}' >"$NODES_DIR/package.json"
fi
# A clean folder, so a previous version's files never linger.
rm -rf "$PKG_DIR"
mkdir -p "$PKG_DIR"
tar -xzf "$TARBALL" -C "$PKG_DIR" --strip-components=1
VERSION="$(PKG_JSON="$PKG_DIR/package.json" node -e '
const fs = require("fs"); const file = process.env.PKG_JSON;
const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(fs.readFileSync(file, "utf8"));
fs.writeFileSync(file, JSON.stringify(pkg, null, 2)); console.log(pkg.version);')"
(cd "$PKG_DIR" && npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow \
	--ignore-scripts=true --package-lock=false >&2)
NODES_JSON="$NODES_DIR/package.json" PKG_NAME="$PKG_NAME" VERSION="$VERSION" node -e '
const fs = require("fs"); const file = process.env.NODES_JSON; const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
pkg.dependencies = { ...(pkg.dependencies || {}), [process.env.PKG_NAME]: process.env.VERSION };
fs.writeFileSync(file, JSON.stringify(pkg, null, 2));'
log "installed $PKG_NAME@$VERSION"
echo "$PKG_DIR"
