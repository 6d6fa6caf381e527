#include "media/image.h"

#include <vips/vips.h>
#include <webp/mux.h>

#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <vector>

#include "media/media_store.h"

namespace congtin::media {
namespace {

struct ImageUnref {
  void operator()(VipsImage* p) const {
    if (p != nullptr) g_object_unref(p);
  }
};
using ImagePtr = std::unique_ptr<VipsImage, ImageUnref>;

struct GFree {
  void operator()(void* p) const { g_free(p); }
};

constexpr std::string_view kAccepted = "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF";

// The libvips message of the last failure on this thread, cleared; for logs and tests.
std::string take_vips_error() {
  std::string e = vips_error_buffer();
  vips_error_clear();
  while (!e.empty() && (e.back() == '\n' || e.back() == ' ')) e.pop_back();
  return e;
}

Error undecodable(std::string_view ext) {
  take_vips_error();
  return Error::invalid("Tệp không phải ảnh " + std::string(ext == "jpg" ? "JPEG" : ext) +
                        " hợp lệ: ảnh bị hỏng hoặc bị cắt cụt nên không đọc được hết. " +
                        std::string(kAccepted) + ", đọc được trọn vẹn.");
}

// Runs the one loader that matches the signature; n = -1 asks for every frame.
ImagePtr load(std::string_view ext, std::string_view bytes) {
  void* buf = const_cast<char*>(bytes.data());
  const std::size_t len = bytes.size();
  VipsImage* out = nullptr;
  int rc = -1;
  if (ext == "jpg") {
    rc = vips_jpegload_buffer(buf, len, &out, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
  } else if (ext == "png") {
    rc = vips_pngload_buffer(buf, len, &out, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
  } else if (ext == "webp") {
    rc = vips_webpload_buffer(buf, len, &out, "n", -1, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
  } else if (ext == "gif") {
    rc = vips_gifload_buffer(buf, len, &out, "n", -1, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
  }
  if (rc != 0) {
    if (out != nullptr) g_object_unref(out);
    return nullptr;
  }
  return ImagePtr(out);
}

// libvips 8.14's WebP encoder ignores "strip" and writes a fresh EXIF block (resolution and
// size only, once strip_metadata() ran); libwebpmux takes the EXIF and XMP chunks out.
std::optional<std::string> strip_webp_chunks(std::string_view webp) {
  WebPData in{reinterpret_cast<const std::uint8_t*>(webp.data()), webp.size()};
  std::unique_ptr<WebPMux, decltype(&WebPMuxDelete)> mux(WebPMuxCreate(&in, /*copy_data=*/0),
                                                         &WebPMuxDelete);
  if (!mux) return std::nullopt;
  for (const char* chunk : {"EXIF", "XMP "}) {
    const WebPMuxError e = WebPMuxDeleteChunk(mux.get(), chunk);
    if (e != WEBP_MUX_OK && e != WEBP_MUX_NOT_FOUND) return std::nullopt;
  }
  WebPData out;
  WebPDataInit(&out);
  if (WebPMuxAssemble(mux.get(), &out) != WEBP_MUX_OK) return std::nullopt;
  std::string bytes(reinterpret_cast<const char*>(out.bytes), out.size);
  WebPDataClear(&out);
  return bytes;
}

std::optional<std::string> save(VipsImage* img, std::string_view ext) {
  void* raw = nullptr;
  std::size_t len = 0;
  int rc = -1;
  if (ext == "jpg") {
    rc = vips_jpegsave_buffer(img, &raw, &len, "Q", 85, "strip", TRUE, "optimize_coding", TRUE,
                              "interlace", TRUE, nullptr);
  } else if (ext == "png") {
    rc = vips_pngsave_buffer(img, &raw, &len, "compression", 6, "strip", TRUE, nullptr);
  } else if (ext == "webp") {
    rc = vips_webpsave_buffer(img, &raw, &len, "Q", 80, "strip", TRUE, nullptr);
  } else if (ext == "gif") {
    rc = vips_gifsave_buffer(img, &raw, &len, "strip", TRUE, nullptr);
  }
  std::unique_ptr<void, GFree> owned(raw);
  if (rc != 0) return std::nullopt;
  std::string_view bytes(static_cast<const char*>(raw), len);
  if (ext == "webp") return strip_webp_chunks(bytes);
  return std::string(bytes);
}

Result<EncodedImage> encode(VipsImage* img, std::string_view ext, int height) {
  auto bytes = save(img, ext);
  if (!bytes)
    return Error::internal("cannot encode " + std::string(ext) + ": " + take_vips_error());
  return EncodedImage{vips_image_get_width(img), height, std::string(ext), std::move(*bytes)};
}

// Upright and in sRGB. A failed colour conversion (a broken profile) keeps the pixels as they
// are: the picture is still worth having.
ImagePtr normalise(ImagePtr img, bool animated) {
  if (!animated) {
    VipsImage* rotated = nullptr;
    if (vips_autorot(img.get(), &rotated, nullptr) != 0) return nullptr;
    img.reset(rotated);
  }
  if (vips_image_get_typeof(img.get(), VIPS_META_ICC_NAME) != 0) {
    VipsImage* srgb = nullptr;
    if (vips_icc_transform(img.get(), &srgb, "srgb", "embedded", TRUE, nullptr) == 0)
      img.reset(srgb);
    else
      take_vips_error();
  } else if (img->Type == VIPS_INTERPRETATION_CMYK) {
    VipsImage* srgb = nullptr;
    if (vips_colourspace(img.get(), &srgb, VIPS_INTERPRETATION_sRGB, nullptr) == 0)
      img.reset(srgb);
    else
      take_vips_error();
  }
  return img;
}

// Removes every metadata field but those animation needs. The encoders' "strip" option is
// not enough: libvips 8.14's WebP encoder still wrote the EXIF block (GPS included) into the
// file, which the GPS test caught. An allowlist, so a field a future loader adds goes too.
void strip_metadata(VipsImage* img) {
  static constexpr std::string_view kKeep[] = {"page-height", "n-pages",   "delay",
                                               "loop",        "gif-delay", "gif-loop"};
  std::vector<std::string> names;
  vips_image_map(
      img,
      [](VipsImage*, const char* name, GValue*, void* a) -> void* {
        static_cast<std::vector<std::string>*>(a)->emplace_back(name);
        return nullptr;
      },
      &names);
  for (const auto& n : names) {
    bool keep = false;
    for (auto k : kKeep) keep = keep || n == k;
    if (!keep) vips_image_remove(img, n.c_str());  // false for built-in fields (width…): fine
  }
}

}  // namespace

void init_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("congtin") != 0) throw std::runtime_error("libvips failed to start");
    vips_block_untrusted_set(TRUE);
    // Each upload is processed once; the operation cache would only hold its memory.
    vips_cache_set_max(0);
  });
}

Result<ProcessedImage> process_image(std::string_view bytes, const ImageLimits& limits) {
  init_vips();
  if (bytes.size() > limits.max_bytes) {
    return Error::invalid("Ảnh lớn hơn giới hạn " + std::to_string(limits.max_bytes >> 20) +
                          " MiB. Hãy giảm kích thước ảnh rồi tải lên lại.");
  }
  const auto ext = sniff_image(bytes);
  if (!ext) {
    return Error::invalid(
        "Tệp không phải ảnh: nội dung không khớp định dạng ảnh nào (tên tệp "
        "không được tính). " +
        std::string(kAccepted) + ".");
  }
  ImagePtr img = load(*ext, bytes);
  if (!img) return undecodable(*ext);

  // The header is read; no pixel has been decoded yet.
  const std::int64_t w = vips_image_get_width(img.get());
  const std::int64_t h = vips_image_get_height(img.get());
  if (w <= 0 || h <= 0 || w * h > limits.max_pixels) {
    return Error::invalid("Ảnh có " + std::to_string(w) + "×" + std::to_string(h) +
                          " điểm ảnh, vượt giới hạn " +
                          std::to_string(limits.max_pixels / 1000000) +
                          " triệu điểm ảnh. Hãy thu nhỏ ảnh rồi tải lên lại.");
  }
  const int pages = vips_image_get_n_pages(img.get());
  const int page_height = vips_image_get_page_height(img.get());
  const bool animated = pages > 1 && page_height > 0 && page_height * pages == h;

  img = normalise(std::move(img), animated);
  if (!img) return undecodable(*ext);
  // Decode every pixel now, so that a truncated or corrupt file fails here and not later.
  ImagePtr decoded(vips_image_copy_memory(img.get()));
  if (!decoded) return undecodable(*ext);
  strip_metadata(decoded.get());

  ProcessedImage out;
  out.animated = animated;
  const int full_height = animated ? page_height : vips_image_get_height(decoded.get());
  auto original = encode(decoded.get(), *ext, full_height);
  if (!original) return original.take_error();
  out.original = std::move(*original);

  ImagePtr still;
  if (animated) {
    VipsImage* first = nullptr;
    if (vips_crop(decoded.get(), &first, 0, 0, vips_image_get_width(decoded.get()), page_height,
                  nullptr) != 0)
      return Error::internal("cannot take the first frame: " + take_vips_error());
    still.reset(first);
  } else {
    still.reset(static_cast<VipsImage*>(g_object_ref(decoded.get())));
  }
  auto webp = encode(still.get(), "webp", full_height);
  if (!webp) return webp.take_error();
  out.webp = std::move(*webp);

  const std::string variant_ext = *ext == "gif" ? "png" : std::string(*ext);
  const int width = vips_image_get_width(still.get());
  for (int target : kVariantWidths) {
    if (target >= width) break;
    VipsImage* raw = nullptr;
    if (vips_resize(still.get(), &raw, static_cast<double>(target) / width, nullptr) != 0)
      return Error::internal("cannot resize: " + take_vips_error());
    ImagePtr small(raw);
    const int sh = vips_image_get_height(small.get());
    auto a = encode(small.get(), variant_ext, sh);
    if (!a) return a.take_error();
    auto b = encode(small.get(), "webp", sh);
    if (!b) return b.take_error();
    out.variants.push_back({std::move(*a), std::move(*b)});
  }
  return out;
}

}  // namespace congtin::media
