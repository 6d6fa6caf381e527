#include "media/media_store.h"

#include <sodium.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "media/image.h"

namespace congtin::media {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string hex_hash(std::string_view bytes) {
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr,
                     0);
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();  // the terminating NUL sodium writes
  return hex;
}

}  // namespace

std::optional<std::string_view> sniff_image(std::string_view b) {
  if (starts_with(b, "\xFF\xD8\xFF")) return "jpg";
  if (starts_with(b, "\x89PNG\r\n\x1A\n")) return "png";
  if (starts_with(b, "GIF87a") || starts_with(b, "GIF89a")) return "gif";
  if (b.size() >= 12 && starts_with(b, "RIFF") && b.substr(8, 4) == "WEBP") return "webp";
  return std::nullopt;
}

MediaStore::MediaStore(std::filesystem::path root) : root_(std::move(root)) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

Result<std::string> MediaStore::put_image(std::string_view bytes) {
  if (bytes.size() > kMaxFileBytes)
    return Error::invalid("image is larger than " + std::to_string(kMaxFileBytes >> 20) + " MiB");
  auto ext = sniff_image(bytes);
  if (!ext) return Error::invalid("not a JPEG, PNG, WebP or GIF image");
  return put(bytes, *ext);
}

Result<std::string> MediaStore::put(std::string_view bytes, std::string_view ext) {
  const std::string hash = hex_hash(bytes);
  const std::string rel = hash.substr(0, 2) + "/" + hash + "." + std::string(ext);
  if (Status s = write_file(rel, bytes); !s) return s.take_error();
  return "/media/" + rel;
}

Status MediaStore::write_file(const std::string& rel, std::string_view bytes) {
  const std::filesystem::path target = root_ / rel;
  std::error_code ec;
  if (std::filesystem::exists(target, ec)) return {};

  std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) return Error::io("cannot create " + target.parent_path().string() + ": " + ec.message());
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path tmp =
      target.string() + ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::filesystem::remove(tmp, ec);
      return Error::io("cannot write " + tmp.string());
    }
  }
  std::filesystem::rename(tmp, target, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Error::io("cannot move a file into " + target.string());
  }
  return {};
}

Result<StoredImage> MediaStore::put_processed(const ProcessedImage& image) {
  auto url = put(image.original.bytes, image.original.ext);
  if (!url) return url.take_error();
  // "/media/ab/hash.jpg" → "ab/hash": derived files sit beside the original.
  const std::string stem = url->substr(7, url->rfind('.') - 7);
  auto derived = [&](const EncodedImage& e, std::string_view suffix) -> Result<std::string> {
    const std::string rel = stem + std::string(suffix) + "." + e.ext;
    if (Status s = write_file(rel, e.bytes); !s) return s.take_error();
    return "/media/" + rel;
  };

  StoredImage out;
  out.url = *url;
  out.thumb_url = *url;
  out.set.width = image.original.width;
  out.set.height = image.original.height;
  out.set.animated = image.animated;
  auto webp = derived(image.webp, "");
  if (!webp) return webp.take_error();
  std::string srcset, webp_srcset;
  for (const auto& v : image.variants) {
    const std::string suffix = "-" + std::to_string(v.image.width);
    auto a = derived(v.image, suffix);
    if (!a) return a.take_error();
    auto b = derived(v.webp, suffix);
    if (!b) return b.take_error();
    if (out.thumb_url == *url) out.thumb_url = *a;
    srcset += *a + " " + std::to_string(v.image.width) + "w, ";
    webp_srcset += *b + " " + std::to_string(v.webp.width) + "w, ";
  }
  if (!image.animated) {
    out.set.srcset = srcset + *url + " " + std::to_string(image.original.width) + "w";
    out.set.webp_srcset = webp_srcset + *webp + " " + std::to_string(image.webp.width) + "w";
  }
  const nlohmann::json manifest = {{"width", out.set.width},
                                   {"height", out.set.height},
                                   {"animated", out.set.animated},
                                   {"srcset", out.set.srcset},
                                   {"webp_srcset", out.set.webp_srcset},
                                   {"thumb", out.thumb_url}};
  if (Status s = write_file(stem + ".json", manifest.dump()); !s) return s.take_error();
  return out;
}

std::optional<ImageSet> MediaStore::image_set(std::string_view url) const {
  // Only "/media/xx/<64 hex>.<ext>": anything else is not ours (and must not name a path).
  if (!url.starts_with("/media/") || url.size() < 7 + 3 + 64 + 2) return std::nullopt;
  const std::string_view rel = url.substr(7);
  const std::size_t dot = rel.rfind('.');
  if (dot != 3 + 64 || rel[2] != '/' || rel.substr(0, 2) != rel.substr(3, 2)) return std::nullopt;
  for (char c : rel.substr(3, 64))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  std::ifstream in(root_ / (std::string(rel.substr(0, dot)) + ".json"), std::ios::binary);
  if (!in) return std::nullopt;
  const nlohmann::json m = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!m.is_object()) return std::nullopt;
  ImageSet set;
  set.width = m.value("width", 0);
  set.height = m.value("height", 0);
  set.animated = m.value("animated", false);
  set.srcset = m.value("srcset", std::string());
  set.webp_srcset = m.value("webp_srcset", std::string());
  return set;
}

Result<std::string> MediaStore::put_image_file(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return Error::not_found("cannot read image " + file.string() + ": " + ec.message());
  if (size > kMaxFileBytes)
    return Error::invalid("image " + file.string() + " is larger than " +
                          std::to_string(kMaxFileBytes >> 20) + " MiB");
  std::ifstream in(file, std::ios::binary);
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
    return Error::io("cannot read image " + file.string());
  auto url = put_image(bytes);
  if (!url) return Error{url.error().kind, file.string() + ": " + url.error().message};
  return url;
}

}  // namespace congtin::media
