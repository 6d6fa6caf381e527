// Image ingest with libvips: decide whether uploaded bytes are a picture we serve, and make
// what the site stores of it.
//
// process_image() judges the bytes by their signature (never a file name or Content-Type),
// runs only the matching libvips loader (JPEG, PNG, WebP, GIF; libvips' other, less trusted
// loaders — SVG, PDF, ImageMagick… — are blocked), checks the pixel count from the header
// before anything is decoded (decompression bombs), then decodes every pixel with
// fail-on-error, so a truncated or corrupt file is refused rather than stored half grey. It
// auto-rotates by the EXIF orientation, converts an embedded colour profile to sRGB, and
// re-encodes with all metadata stripped (EXIF with GPS, XMP, IPTC, ICC, comments): nothing a
// camera or phone wrote about where and when reaches the public site.
//
// What it returns: the stripped original in its own format, a WebP of it, and resized
// variants at kVariantWidths narrower than the original (never upscaled), each in the
// original's format and in WebP, for srcset. An animated GIF or WebP keeps its animation in
// the stored original (re-encoded, stripped); its variants are stills of the first frame,
// used as thumbnails, and the public site shows the animation itself (no srcset).
//
// Thread-safety: process_image may be called from any number of threads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace congtin::media {

inline constexpr std::array<int, 3> kVariantWidths = {480, 960, 1600};

struct ImageLimits {
  std::size_t max_bytes = 20 * 1024 * 1024;
  std::int64_t max_pixels = 40'000'000;  // width × height × frames
};

struct EncodedImage {
  int width = 0;
  int height = 0;
  std::string ext;    // "jpg", "png", "webp", "gif"
  std::string bytes;  // metadata stripped
};

struct ProcessedImage {
  EncodedImage original;  // the upload, rotated upright and stripped, same format
  EncodedImage webp;      // the original as WebP (a still for animations)
  bool animated = false;
  // Narrower copies, widest last; for each width a pair: [original format, WebP].
  struct Variant {
    EncodedImage image;
    EncodedImage webp;
  };
  std::vector<Variant> variants;
};

// Starts libvips once per process (idempotent, thread-safe); blocks untrusted loaders.
// Throws std::runtime_error if libvips cannot start (a start-up failure).
void init_vips();

// kInvalidArgument with a Vietnamese message naming what is accepted when the bytes are not
// a JPEG, PNG, WebP or GIF that decodes fully, exceed limits.max_bytes, or have more than
// limits.max_pixels pixels; kInternal if encoding fails.
Result<ProcessedImage> process_image(std::string_view bytes, const ImageLimits& limits = {});

}  // namespace congtin::media
