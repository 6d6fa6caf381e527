#!/usr/bin/env bash
# Copies the theme's vendored front-end files from node_modules (installed by `npm ci` from
# package-lock.json) into static/vendor/, which is not committed. Idempotent; run from
# anywhere. Usage: themes/default/build-assets.sh [NODE_MODULES_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
modules="${1:-$here/../../node_modules}"
src="$modules/@fontsource/be-vietnam-pro/files"
dst="$here/static/vendor/be-vietnam-pro"

if [[ ! -d $src ]]; then
  echo "build-assets: $src not found; run 'npm ci' in the project root first" >&2
  exit 1
fi
mkdir -p "$dst"
for subset in vietnamese latin latin-ext; do
  for weight in 400 700; do
    f="be-vietnam-pro-$subset-$weight-normal.woff2"
    cp -p "$src/$f" "$dst/$f"
  done
done
cp -p "$modules/@fontsource/be-vietnam-pro/LICENSE" "$dst/LICENSE"
