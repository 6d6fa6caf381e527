#!/usr/bin/env bash
# Copies the back office's editor (TinyMCE, from node_modules installed by `npm ci` from
# package-lock.json) into static/vendor/tinymce/, which is not committed. Only the minified
# files the editor loads at run time are copied: the core, its theme, model, icons, skins and
# the plugins the article editor uses (themes/admin/static/js/article-editor.js), plus the
# Vietnamese language pack (langs/vi.js, from the tinymce-i18n package's TinyMCE 7 packs) so
# the editor's own menus, dialogs and tooltips are in Vietnamese. Idempotent; run from anywhere. Usage: themes/admin/build-assets.sh [NODE_MODULES_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
modules="${1:-$here/../../node_modules}"
src="$modules/tinymce"
dst="$here/static/vendor/tinymce"
plugins=(lists link image table autoresize wordcount)
lang_src="$modules/tinymce-i18n/langs7/vi.js"

if [[ ! -f $src/tinymce.min.js ]]; then
  echo "build-assets: $src not found; run 'npm ci' in the project root first" >&2
  exit 1
fi
if [[ ! -f $lang_src ]]; then
  echo "build-assets: $lang_src not found; run 'npm ci' in the project root first" >&2
  exit 1
fi
rm -rf "$dst"
mkdir -p "$dst/plugins"
cp -p "$src/tinymce.min.js" "$src/license.md" "$src/notices.txt" "$dst/"
cp -pR "$src/themes" "$src/models" "$src/icons" "$src/skins" "$dst/"
for p in "${plugins[@]}"; do
  mkdir -p "$dst/plugins/$p"
  cp -p "$src/plugins/$p/plugin.min.js" "$dst/plugins/$p/"
done
# Only the minified files are loaded (suffix ".min"); drop the readable copies.
find "$dst" -name '*.js' ! -name '*.min.js' -delete
find "$dst" -name '*.css' ! -name '*.min.css' -delete
# The language pack has no ".min" copy; add it after the clean-up above so it is kept.
mkdir -p "$dst/langs"
cp -p "$lang_src" "$dst/langs/vi.js"
