// MediaRepository: the media library's records (one row per stored file), behind an interface
// so the library's rules do not see SQL; store/sqlite/media_repository.h implements it.
//
// Thread-safety: implementations may be used from any number of threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace congtin::media {

enum class MediaKind { kImage, kAttachment };

struct MediaItem {
  std::int64_t id = 0;
  MediaKind kind = MediaKind::kImage;
  std::string url;        // "/media/ab/<hash>.jpg": unique
  std::string format;     // "jpg", "png", "webp", "gif", "pdf", "docx", "xlsx"
  std::string file_name;  // as uploaded, for people; never used as a path
  std::int64_t bytes = 0;
  int width = 0;  // images only
  int height = 0;
  std::string thumb_url;  // images: smallest variant; attachments: ""
  std::string srcset;     // images: responsive sets ("" for animations)
  std::string webp_srcset;
  std::string alt;
  std::string caption;
  std::int64_t uploaded_by = 0;  // user id
  std::string uploader;          // display name at upload time
  std::int64_t created_at = 0;   // UTC seconds
};

class MediaRepository {
 public:
  virtual ~MediaRepository() = default;

  // Inserts item (id ignored) and returns it with its id. kConflict if a row with the same
  // url exists.
  virtual Result<MediaItem> insert(const MediaItem& item) = 0;
  // kNotFound when absent.
  virtual Result<MediaItem> by_id(std::int64_t id) = 0;
  virtual Result<MediaItem> by_url(std::string_view url) = 0;
  // Newest first.
  virtual Result<std::vector<MediaItem>> list(int offset, int limit) = 0;
  virtual Result<std::int64_t> count() = 0;
  // kNotFound when absent.
  virtual Status update_text(std::int64_t id, std::string_view alt, std::string_view caption) = 0;
  virtual Status remove(std::int64_t id) = 0;
  // How many articles and article revisions mention needle (a URL or its stem) in their body
  // or cover: a file in use must not be deleted.
  virtual Result<std::int64_t> count_uses(std::string_view needle) = 0;
};

}  // namespace congtin::media
