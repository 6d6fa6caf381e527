#!/usr/bin/env python3
"""Render one SVG to JPEG or PNG through libvips (which renders SVG with librsvg).

Used by make.sh when rsvg-convert is not installed. libvips is already a dependency of
congtin (media/), so this needs nothing beyond python3 and libvips.so.42.

usage: svg2img.py IN.svg OUT.jpg|OUT.png [quality]
"""
import ctypes
import ctypes.util
import sys


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, dst = sys.argv[1], sys.argv[2]
    quality = sys.argv[3] if len(sys.argv) > 3 else "82"
    name = ctypes.util.find_library("vips") or "libvips.so.42"
    vips = ctypes.CDLL(name)
    vips.vips_error_buffer.restype = ctypes.c_char_p
    vips.vips_image_new_from_file.restype = ctypes.c_void_p
    if vips.vips_init(b"svg2img") != 0:
        print("vips_init failed", file=sys.stderr)
        return 1
    image = vips.vips_image_new_from_file(src.encode(), None)
    if not image:
        print(vips.vips_error_buffer().decode(errors="replace"), file=sys.stderr)
        return 1
    if dst.endswith(".png"):
        target = f"{dst}[compression=9,strip]"
    else:
        # JPEG has no alpha: the SVGs all paint an opaque background first.
        target = f"{dst}[Q={quality},strip,optimize_coding,interlace]"
    rc = vips.vips_image_write_to_file(ctypes.c_void_p(image), target.encode(), None)
    vips.g_object_unref(ctypes.c_void_p(image))
    if rc != 0:
        print(vips.vips_error_buffer().decode(errors="replace"), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
