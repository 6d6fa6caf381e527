// MediaStore: uploaded and imported files under DIR/media/, named by content hash.
//
// A file is stored once at media/<h0h1>/<hash>.<ext>, where hash is the BLAKE2b-256 of its
// bytes (libsodium) and ext comes from what the bytes are, never from a file name: the same
// picture imported twice is one file, and a file cannot pose as another type. Writes are
// atomic (temporary file, then rename), so a reader never sees half a file. Thread-safe.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace congtin::media {

// The extension for image bytes ("jpg", "png", "webp", "gif") judged by their signature, or
// nullopt if they are none of these. Decoding checks come with the media library (libvips).
std::optional<std::string_view> sniff_image(std::string_view bytes);

class MediaStore {
 public:
  static constexpr std::size_t kMaxFileBytes = 20 * 1024 * 1024;

  // root is DIR/media; it is created if missing.
  explicit MediaStore(std::filesystem::path root);

  // Stores image bytes; returns the public URL path, "/media/ab/ab12….jpg".
  // kInvalidArgument if the bytes are not a supported image or exceed kMaxFileBytes;
  // kIo if the file cannot be written.
  Result<std::string> put_image(std::string_view bytes);
  // Reads a local file (bounded by kMaxFileBytes) and stores it as put_image does; errors
  // name the file.
  Result<std::string> put_image_file(const std::filesystem::path& file);

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace congtin::media
