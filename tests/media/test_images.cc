#include "test_images.h"

#include <vips/vips.h>
#include <zlib.h>

#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

#include "media/image.h"

namespace congtin::media::testing {
namespace {

struct Unref {
  void operator()(VipsImage* p) const {
    if (p) g_object_unref(p);
  }
};
using Img = std::unique_ptr<VipsImage, Unref>;

void ok(int rc) {
  if (rc != 0) throw std::runtime_error(std::string("vips: ") + vips_error_buffer());
}

Img rgb_of(VipsImage* band) {
  VipsImage* bands[3] = {band, band, band};
  VipsImage* joined = nullptr;
  ok(vips_bandjoin(bands, &joined, 3, nullptr));
  Img j(joined);
  VipsImage* out = nullptr;
  ok(vips_cast_uchar(j.get(), &out, nullptr));
  return Img(out);
}

Img base(int width, int height, bool noisy) {
  if (noisy) {
    VipsImage* n = nullptr;
    ok(vips_gaussnoise(&n, width, height, "mean", 128.0, "sigma", 60.0, nullptr));
    Img noise(n);
    return rgb_of(noise.get());
  }
  VipsImage* x = nullptr;
  ok(vips_xyz(&x, width, height, nullptr));
  Img grad(x);
  VipsImage* b = nullptr;
  ok(vips_extract_band(grad.get(), &b, 0, nullptr));
  Img band(b);
  return rgb_of(band.get());
}

std::string save(VipsImage* img, std::string_view ext) {
  void* buf = nullptr;
  std::size_t len = 0;
  int rc = -1;
  if (ext == "jpg") rc = vips_jpegsave_buffer(img, &buf, &len, "Q", 90, nullptr);
  if (ext == "png") rc = vips_pngsave_buffer(img, &buf, &len, nullptr);
  if (ext == "webp") rc = vips_webpsave_buffer(img, &buf, &len, nullptr);
  if (ext == "gif") rc = vips_gifsave_buffer(img, &buf, &len, nullptr);
  if (rc != 0) throw std::runtime_error(std::string("vips save: ") + vips_error_buffer());
  std::string out(static_cast<char*>(buf), len);
  g_free(buf);
  return out;
}

void put16(std::string& s, std::size_t at, std::uint16_t v) {
  s[at] = static_cast<char>(v & 0xff);
  s[at + 1] = static_cast<char>(v >> 8);
}
void put32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}
void entry(std::string& s, std::size_t at, std::uint16_t tag, std::uint16_t type,
           std::uint32_t count, std::uint32_t value) {
  put16(s, at, tag);
  put16(s, at + 2, type);
  put32(s, at + 4, count);
  put32(s, at + 8, value);
}

void chunk(std::string& out, std::string_view type, std::string_view data) {
  auto be32 = [&](std::uint32_t v) {
    for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  };
  be32(static_cast<std::uint32_t>(data.size()));
  std::string td = std::string(type) + std::string(data);
  out += td;
  be32(static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(td.data()), static_cast<uInt>(td.size()))));
}

}  // namespace

std::string make_image(int width, int height, std::string_view ext, bool noisy) {
  init_vips();
  auto img = base(width, height, noisy);
  return save(img.get(), ext);
}

std::string make_jpeg_with_gps(int width, int height, int orientation,
                               std::string_view description) {
  // A little-endian TIFF block: IFD0 (ImageDescription, Orientation, GPS pointer), the GPS
  // IFD (latitude ref and latitude), the latitude rationals, then the description text.
  std::string tiff(104, '\0');
  tiff.replace(0, 4, "II\x2a\x00", 4);
  put32(tiff, 4, 8);
  put16(tiff, 8, 3);
  entry(tiff, 10, 0x010E, 2, static_cast<std::uint32_t>(description.size() + 1), 104);
  entry(tiff, 22, 0x0112, 3, 1, static_cast<std::uint32_t>(orientation));
  entry(tiff, 34, 0x8825, 4, 1, 50);
  put32(tiff, 46, 0);
  put16(tiff, 50, 2);
  entry(tiff, 52, 0x0001, 2, 2, 'N');
  entry(tiff, 64, 0x0002, 5, 3, 80);
  put32(tiff, 76, 0);
  const std::uint32_t lat[6] = {21, 1, 2, 1, 3, 1};
  for (int i = 0; i < 6; ++i) put32(tiff, 80 + 4 * i, lat[i]);
  tiff += std::string(description);
  tiff.push_back('\0');

  const std::string payload = std::string("Exif\0\0", 6) + tiff;
  const std::size_t seg_len = payload.size() + 2;
  std::string app1 = "\xFF\xE1";
  app1.push_back(static_cast<char>(seg_len >> 8));
  app1.push_back(static_cast<char>(seg_len & 0xff));
  app1 += payload;

  std::string jpeg = make_image(width, height, "jpg");
  return jpeg.substr(0, 2) + app1 + jpeg.substr(2);
}

std::string make_animated_gif(int width, int height, int frames) {
  init_vips();
  std::vector<Img> owned;
  std::vector<VipsImage*> pages;
  for (int i = 0; i < frames; ++i) {
    auto img = base(width, height, false);
    if (i % 2 == 1) {
      VipsImage* inv = nullptr;
      ok(vips_invert(img.get(), &inv, nullptr));
      img.reset(inv);
    }
    pages.push_back(img.get());
    owned.push_back(std::move(img));
  }
  VipsImage* joined = nullptr;
  ok(vips_arrayjoin(pages.data(), &joined, frames, "across", 1, nullptr));
  Img all(joined);
  VipsImage* copy = nullptr;
  ok(vips_copy(all.get(), &copy, nullptr));
  Img c(copy);
  vips_image_set_int(c.get(), VIPS_META_PAGE_HEIGHT, height);
  vips_image_set_int(c.get(), VIPS_META_N_PAGES, frames);
  int delays[16];
  for (int& d : delays) d = 100;
  vips_image_set_array_int(c.get(), "delay", delays, frames);
  return save(c.get(), "gif");
}

std::string png_bomb(std::uint32_t width, std::uint32_t height) {
  std::string out = "\x89PNG\r\n\x1A\n";
  std::string ihdr(13, '\0');
  for (int i = 0; i < 4; ++i) {
    ihdr[i] = static_cast<char>((width >> (8 * (3 - i))) & 0xff);
    ihdr[4 + i] = static_cast<char>((height >> (8 * (3 - i))) & 0xff);
  }
  ihdr[8] = 8;  // bit depth
  ihdr[9] = 0;  // greyscale
  chunk(out, "IHDR", ihdr);
  // One compressed empty row: decoding would need the rest, which never comes.
  const unsigned char zrow[] = {0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01};
  chunk(out, "IDAT", std::string_view(reinterpret_cast<const char*>(zrow), sizeof zrow));
  chunk(out, "IEND", "");
  return out;
}

std::string gif_bomb(std::uint16_t width, std::uint16_t height) {
  std::string out = "GIF89a";
  out.push_back(static_cast<char>(width & 0xff));
  out.push_back(static_cast<char>(width >> 8));
  out.push_back(static_cast<char>(height & 0xff));
  out.push_back(static_cast<char>(height >> 8));
  out += std::string("\x80\x00\x00", 3);  // global colour table of 2 entries
  out += std::string("\x00\x00\x00\xff\xff\xff", 6);
  out += std::string("\x2c\x00\x00\x00\x00", 5);  // image descriptor at 0,0
  out.push_back(static_cast<char>(width & 0xff));
  out.push_back(static_cast<char>(width >> 8));
  out.push_back(static_cast<char>(height & 0xff));
  out.push_back(static_cast<char>(height >> 8));
  out += std::string("\x00\x02\x02\x44\x01\x00\x3b", 7);
  return out;
}

Probe probe(std::string_view bytes) {
  init_vips();
  Probe p;
  VipsImage* img = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  if (img == nullptr) {
    vips_error_clear();
    return p;
  }
  Img owned(img);
  p.width = vips_image_get_width(img);
  p.height = vips_image_get_height(img);
  if (vips_image_get_typeof(img, VIPS_META_PAGE_HEIGHT)) p.height = vips_image_get_page_height(img);
  p.has_exif = vips_image_get_typeof(img, VIPS_META_EXIF_NAME) != 0;
  p.has_xmp = vips_image_get_typeof(img, VIPS_META_XMP_NAME) != 0;
  p.has_iptc = vips_image_get_typeof(img, VIPS_META_IPTC_NAME) != 0;
  p.has_gps = vips_image_get_typeof(img, "exif-ifd3-GPSLatitude") != 0;
  return p;
}

}  // namespace congtin::media::testing
