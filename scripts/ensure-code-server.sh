#!/usr/bin/env bash
# Installs code-server (the real VS Code workbench served to a browser) for the end-to-end tests,
# offline: only the npm registry and Debian packages are reachable, so code-server's own postinstall
# (which downloads ripgrep) is replayed by hand with Debian's ripgrep and native modules built from
# source. The result (~300 MB) is cached outside the repository, keyed by version; a second run
# checks it and returns at once.
#
# Usage: scripts/ensure-code-server.sh        prints the code-server executable's path last
# Env:   CODE_SERVER_CACHE  overrides the cache folder
set -euo pipefail

VERSION=4.100.3
CACHE="${CODE_SERVER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/inspection-records/code-server-$VERSION}"
BIN="$CACHE/node_modules/code-server/out/node/entry.js"
MARKER="$CACHE/.installed"
DEBIAN_PACKAGES=(chromium ripgrep build-essential python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)

log() { printf 'ensure-code-server: %s\n' "$*" >&2; }

# A cached install counts only when it finished (marker) and still starts.
working() {
  [ -f "$MARKER" ] && [ -x /usr/bin/chromium ] && node "$BIN" --version 2>/dev/null | grep -q "^$VERSION "
}

if working; then
  log "code-server $VERSION ready in cache"
  echo "$BIN"
  exit 0
fi

# The lead's provisioning (or .ci/run) may still be running apt: wait for it rather than race it.
wait_for_apt() {
  local waited=0
  while pgrep -x apt-get >/dev/null || pgrep -x dpkg >/dev/null || pgrep -x apt >/dev/null; do
    [ "$waited" -eq 0 ] && log "waiting for a running apt/dpkg to finish"
    sleep 5
    waited=$((waited + 5))
    if [ "$waited" -ge 900 ]; then log "apt still running after 15 min"; exit 1; fi
  done
}

wait_for_apt
missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    log "missing Debian packages (install them as root): ${missing[*]}"
    exit 1
  fi
fi
for exe in /usr/bin/chromium /usr/bin/rg; do
  [ -x "$exe" ] || { log "$exe not found"; exit 1; }
done
node -e 'process.exit(+process.versions.node.split(".")[0] === 20 ? 0 : 1)' \
  || { log "code-server $VERSION needs Node 20, found $(node -v)"; exit 1; }

# Build in a sibling folder and rename at the end, so an interrupted run never looks installed.
PARTIAL="$CACHE.partial.$$"
trap 'rm -rf "$PARTIAL"' EXIT
rm -rf "$CACHE" "$CACHE".partial.*
mkdir -p "$PARTIAL"
cd "$PARTIAL"
started=$(date +%s)

# node-gyp builds against the local Node headers (no header download); npm 11 otherwise only runs
# dependency install scripts with a notice, and strict setups refuse them: these are code-server's own
# native modules, built on purpose.
export npm_config_nodedir=/usr
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export npm_config_yes=true
SCRIPTS=(--dangerously-allow-all-scripts)

log "npm install code-server@$VERSION (scripts skipped: its postinstall would download ripgrep)"
echo '{ "name": "code-server-cache", "private": true }' >package.json
npm install --ignore-scripts --loglevel=error "code-server@$VERSION" >&2

log "building argon2"
npm rebuild "${SCRIPTS[@]}" --loglevel=error argon2 >&2

VSCODE="$PARTIAL/node_modules/code-server/lib/vscode"
log "installing VS Code's dependencies"
(
  cd "$VSCODE"
  npm install --omit=dev --ignore-scripts --loglevel=error >&2
  # @vscode/ripgrep's postinstall skips its download when the binary is already there.
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
  npm rebuild "${SCRIPTS[@]}" --loglevel=error >&2
  ln -sfn node_modules node_modules.asar
  ln -sfn code-linux.sh bin/remote-cli/code-server
  ln -sfn browser-linux.sh bin/helpers/browser.sh
  cd extensions
  npm install --omit=dev "${SCRIPTS[@]}" --loglevel=error >&2
)

# The native modules the server needs must have been built (or their prebuilt binaries found), not
# silently skipped: node-pty has no prebuilt binary, so its build output proves the rebuild ran.
find "$VSCODE/node_modules/node-pty/build" -name pty.node -path '*Release*' 2>/dev/null | grep -q . \
  || { log "node-pty was not built (build/Release/pty.node missing)"; exit 1; }
(cd "$PARTIAL" && node -e 'require("argon2")') || { log "argon2 does not load"; exit 1; }
(cd "$VSCODE" && node -e '
  for (const m of ["node-pty", "@vscode/spdlog", "native-watchdog", "@parcel/watcher", "kerberos"]) {
    try { require(m); } catch (e) { console.error("cannot load " + m + ": " + e.message); process.exit(1); }
  }') || { log "VS Code native modules do not load"; exit 1; }
"$VSCODE/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null

node "$PARTIAL/node_modules/code-server/out/node/entry.js" --version | grep -q "^$VERSION " \
  || { log "code-server does not start"; exit 1; }
date -u +%FT%TZ >"$PARTIAL/.installed"
trap - EXIT
mv "$PARTIAL" "$CACHE"
log "code-server $VERSION installed in $(( $(date +%s) - started )) s"
echo "$BIN"
