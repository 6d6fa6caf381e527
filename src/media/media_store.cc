#include "media/media_store.h"

#include <sodium.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <system_error>

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

  const std::string hash = hex_hash(bytes);
  const std::string rel = hash.substr(0, 2) + "/" + hash + "." + std::string(*ext);
  const std::filesystem::path target = root_ / rel;
  std::error_code ec;
  if (std::filesystem::exists(target, ec)) return "/media/" + rel;

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
    return Error::io("cannot move image into " + target.string());
  }
  return "/media/" + rel;
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
