#!/usr/bin/env bash
# Installs the Azurite storage emulator (blob endpoint) the ADLS Gen2 tests start: npm package azurite@3.35.0
# (newer releases need Node >= 21) into a fixed cache folder. Idempotent and quick when already present.
#   SLUICE_AZURITE_HOME  install folder (default: $HOME/.cache/sluice/azurite); the tests look there too.
set -euo pipefail

VERSION=3.35.0
HOME_DIR="${SLUICE_AZURITE_HOME:-$HOME/.cache/sluice/azurite}"
MAIN="$HOME_DIR/node_modules/azurite/dist/src/blob/main.js"

if [ -f "$MAIN" ] && grep -q "\"version\": \"$VERSION\"" "$HOME_DIR/node_modules/azurite/package.json" 2>/dev/null; then
  echo "azurite $VERSION present in $HOME_DIR"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "install-azurite: npm is missing; install Node.js and npm (apt-get install nodejs npm), then run me again" >&2
    exit 1
  fi
fi

mkdir -p "$HOME_DIR"
# a private package.json keeps npm from walking up to an unrelated project
[ -f "$HOME_DIR/package.json" ] || echo '{"name":"sluice-azurite","private":true}' > "$HOME_DIR/package.json"
npm install --prefix "$HOME_DIR" --no-audit --no-fund --loglevel=error --save-exact "azurite@$VERSION" >/dev/null
test -f "$MAIN" || { echo "install-azurite: $MAIN missing after npm install" >&2; exit 1; }
echo "azurite $VERSION installed in $HOME_DIR (node $(node --version))"
