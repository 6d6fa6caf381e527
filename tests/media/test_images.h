// Test pictures made at test time with libvips (no binary fixtures in the repository): plain
// and noisy images in each format, a JPEG carrying EXIF with GPS and an orientation, an
// animated GIF, and hand-built headers of pixel bombs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace congtin::media::testing {

// A w×h picture in ext ("jpg", "png", "webp", "gif"); noisy pictures do not compress, so a
// cut through their data lands in pixel data.
std::string make_image(int width, int height, std::string_view ext, bool noisy = false);

// A w×h JPEG with an EXIF block: Orientation = orientation, ImageDescription = description,
// and GPS latitude N 21°2'3".
std::string make_jpeg_with_gps(int width, int height, int orientation,
                               std::string_view description);

// An animated GIF of `frames` frames of w×h.
std::string make_animated_gif(int width, int height, int frames);

// A valid PNG signature and IHDR claiming width×height, then a tiny IDAT and IEND.
std::string png_bomb(std::uint32_t width, std::uint32_t height);
// A GIF header and logical screen claiming width×height with one tiny frame.
std::string gif_bomb(std::uint16_t width, std::uint16_t height);

// Width, height and whether any EXIF/XMP/IPTC metadata is attached, as libvips reads the
// bytes back; width -1 when they do not load.
struct Probe {
  int width = -1;
  int height = -1;
  bool has_exif = false;
  bool has_xmp = false;
  bool has_iptc = false;
  bool has_gps = false;
};
Probe probe(std::string_view bytes);

}  // namespace congtin::media::testing
