#!/bin/sh
# Regenerates the demo pictures from their SVG sources in src/.
#   src/logo.svg  -> logo.png  (128x128)
#   src/NAME.svg  -> NAME.jpg  (1200x675, JPEG quality 82)
# Uses rsvg-convert + ImageMagick when both are installed, else libvips via src/svg2img.py.
# ImageMagick's own SVG reader (MSVG) is not used: it drops gradients and text.
set -eu
cd "$(dirname "$0")"
QUALITY=82

render() { # render IN.svg OUT.(jpg|png)
  if command -v rsvg-convert >/dev/null 2>&1 && command -v convert >/dev/null 2>&1; then
    tmp="$2.tmp.png"
    rsvg-convert -o "$tmp" "$1"
    case "$2" in
      *.png) convert "$tmp" -strip "$2" ;;
      *) convert "$tmp" -background white -alpha remove -strip -interlace Plane \
           -quality "$QUALITY" "$2" ;;
    esac
    rm -f "$tmp"
  else
    python3 src/svg2img.py "$1" "$2" "$QUALITY"
  fi
}

for svg in src/*.svg; do
  name=$(basename "$svg" .svg)
  if [ "$name" = logo ]; then out=logo.png; else out=$name.jpg; fi
  render "$svg" "$out"
  echo "$out $(wc -c <"$out") bytes"
done
