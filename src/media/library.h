// MediaLibrary: the rules of the back office's media library (issue 3, item 8).
//
// upload() decides what a file is by its bytes: image signatures go through process_image()
// (libvips decode, limits, metadata stripped, variants), PDF/ZIP signatures through
// check_attachment(); anything else is refused with a Vietnamese message naming what is
// accepted. Files are stored by content hash (MediaStore), so the same file uploaded twice is
// one file and one row: the second upload returns the first row. Alt text and caption are
// plain text (valid UTF-8, stored in NFC, control characters removed, bounded); the theme
// escapes them. remove() refuses a file that any article or revision still mentions, so a
// deletion never leaves a broken picture on the public site; the files stay on disk (another
// row or an old cached page may still point at them) and only the row goes.
//
// Thread-safety: all methods may be called from any number of threads; the repository, store
// and clock must outlive the library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "media/attachment.h"
#include "media/image.h"
#include "media/media_store.h"
#include "media/repository.h"

namespace congtin::media {

struct LibraryOptions {
  ImageLimits image;
  std::size_t max_attachment_bytes = kMaxAttachmentBytes;
  int page_size = 24;
  std::size_t max_alt_chars = 300;  // bytes of UTF-8, after NFC
  std::size_t max_caption_chars = 1000;
};

struct Uploader {
  std::int64_t user_id = 0;
  std::string name;
};

struct MediaPage {
  std::vector<MediaItem> items;
  int page = 1;  // 1-based, clamped to [1, pages]
  int pages = 1;
  std::int64_t total = 0;
};

class MediaLibrary {
 public:
  MediaLibrary(MediaRepository& repo, MediaStore& store, const Clock& clock,
               LibraryOptions options = {});

  // Stores the file and records it. kInvalidArgument (Vietnamese message) when the bytes are
  // refused or alt/caption are not acceptable text; kIo when a file cannot be written.
  Result<MediaItem> upload(std::string_view bytes, std::string_view file_name, std::string_view alt,
                           std::string_view caption, const Uploader& who);
  Result<MediaPage> list(int page);
  Result<MediaItem> get(std::int64_t id);
  // kInvalidArgument for unacceptable text, kNotFound for an unknown id.
  Status update_text(std::int64_t id, std::string_view alt, std::string_view caption);
  // kConflict (Vietnamese message) when an article or revision still uses the file.
  Status remove(std::int64_t id);

  const LibraryOptions& options() const { return options_; }

 private:
  MediaRepository& repo_;
  MediaStore& store_;
  const Clock& clock_;
  LibraryOptions options_;
};

// A plain-text field as the library stores it: NFC, control characters and surrounding space
// removed, runs of white space collapsed. kInvalidArgument when not UTF-8 or longer than max.
Result<std::string> clean_text(std::string_view s, std::size_t max, std::string_view field_vi);

// "1,2 MB", "850 KB", "312 B": sizes for people, Vietnamese decimal comma.
std::string format_size(std::int64_t bytes);

}  // namespace congtin::media
