#!/usr/bin/env bash
# Installs what congtin needs to build, run and test, skipping what is already there.
# Debian packages via apt-get (needs root, or sudo), npm packages from package-lock.json.
# Idempotent and quick when nothing is missing; `make run` and `make test` call it.
set -euo pipefail
cd "$(dirname "$0")/.."

# Build and run.
PKGS=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libicu-dev libsodium-dev liboath-dev libqrencode-dev libvips-dev libwebp-dev libzip-dev libgumbo-dev zlib1g-dev libdeflate-dev libbrotli-dev
  nlohmann-json3-dev libkainjow-mustache-dev libcli11-dev libtomlplusplus-dev
  libspdlog-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev libdtl-dev
  libjemalloc-dev
)
# Node.js may come from elsewhere than Debian (a NodeSource build bundles npm, and Debian's
# npm package conflicts with it): ask for Debian's only when the commands are missing.
command -v node >/dev/null || PKGS+=(nodejs)
command -v npm >/dev/null || PKGS+=(npm)
# Tests: a real browser, a real PostgreSQL, XML and feed validators, load tools.
if [[ "${1:-}" == "--test" ]]; then
  PKGS+=(chromium postgresql libxml2-utils python3-feedparser wrk nginx-light curl)
fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Front-end packages, pinned by package-lock.json; reinstalled only when the lock changes.
if [[ -f package-lock.json ]]; then
  stamp=node_modules/.congtin-lock
  if [[ ! -f $stamp ]] || ! cmp -s package-lock.json "$stamp"; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
fi

# Self-hosted front-end files the theme serves (fonts), copied out of node_modules.
themes/default/build-assets.sh
# The back office's editor (TinyMCE), copied out of node_modules likewise.
themes/admin/build-assets.sh
