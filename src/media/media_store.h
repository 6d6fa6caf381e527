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

struct ProcessedImage;

// What the public site needs to offer an image at several sizes.
struct ImageSet {
  int width = 0;  // of the original
  int height = 0;
  std::string srcset;       // "/media/ab/h-480.jpg 480w, …, /media/ab/h.jpg 1200w"; "" if none
  std::string webp_srcset;  // the same sizes in WebP
  bool animated = false;    // shown as is, without srcset
};

struct StoredImage {
  std::string url;        // the original, "/media/ab/h.jpg"
  std::string thumb_url;  // the smallest variant (the original when it has none)
  ImageSet set;
};

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

  // Stores bytes already judged to be of type ext ("jpg", "pdf"…) by content hash; returns
  // the URL path. kIo if the file cannot be written.
  Result<std::string> put(std::string_view bytes, std::string_view ext);

  // Stores what process_image() made: the original by its content hash, and beside it
  // <hash>.webp, <hash>-<width>.<ext> and <hash>-<width>.webp for each variant, and the
  // manifest <hash>.json that image_set() reads. Idempotent. kIo on a write failure.
  Result<StoredImage> put_processed(const ProcessedImage& image);

  // The responsive set of an image stored by put_processed(), from its manifest; nullopt for
  // any other URL (images imported before the media library, attachments, foreign URLs).
  std::optional<ImageSet> image_set(std::string_view url) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  // root_/rel written atomically (temporary file, then rename); an existing file is kept.
  Status write_file(const std::string& rel, std::string_view bytes);

  std::filesystem::path root_;
};

}  // namespace congtin::media
